using System.Globalization;

namespace ApexAgent.Benchmarks.Load;

/// <summary>The knobs of one load run; every run is bounded both in time and in total requests.</summary>
public sealed record LoadOptions(int DurationSeconds, int Clients, long MaxRequests, int WarmupSeconds, string? MarkdownPath)
{
    public const string Usage =
        "load [--duration <seconds, default 20>] [--clients <n, default 32>] [--max-requests <n, default 5000000>] " +
        "[--warmup <seconds, default 3>] [--markdown <file>]";

    public static LoadOptions Default { get; } = new(20, 32, 5_000_000, 3, null);

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> on anything else.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--duration" => options with { DurationSeconds = Positive(name, value, 3600) },
                "--clients" => options with { Clients = Positive(name, value, 4096) },
                "--max-requests" => options with { MaxRequests = Positive(name, value, int.MaxValue) },
                "--warmup" => options with { WarmupSeconds = NonNegative(name, value, 600) },
                "--markdown" => options with { MarkdownPath = value },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value, int max)
    {
        var number = NonNegative(name, value, max);
        return number > 0 ? number : throw new ArgumentException($"Option '{name}' must be at least 1.");
    }

    private static int NonNegative(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max
            ? number
            : throw new ArgumentException($"Option '{name}' must be a whole number from 0 to {max}, not '{value}'.");
}
