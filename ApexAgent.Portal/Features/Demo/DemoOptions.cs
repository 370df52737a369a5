namespace ApexAgent.Portal.Features.Demo;

/// <summary><c>Demo:*</c>: whether to seed demo accounts (default true in Development) and their password.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    public string Password { get; set; } = "Demo-password-2026";
}
