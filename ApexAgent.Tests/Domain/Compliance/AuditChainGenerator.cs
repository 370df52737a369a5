using ApexAgent.Domain.Compliance;

namespace ApexAgent.Tests.Domain.Compliance;

/// <summary>Random but reproducible audit chains, with awkward values: nulls, empty strings, separators, digits, non-ASCII text.</summary>
internal static class AuditChainGenerator
{
    private static readonly string?[] Texts = [null, "", "a", "1:2", "~", "12:ab", "Zoë — Straße 5", "{\"role\":\"Admin\"}", "x:y:z", "0", "日本語"];

    public static IEnumerable<IReadOnlyList<AuditRecord>> Chains(int count, int seed, int maxLength = 20)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Chain(random, random.Next(1, maxLength + 1));
        }
    }

    public static IReadOnlyList<AuditRecord> Chain(Random random, int length)
    {
        var chainId = random.Next(4) == 0 ? AuditChain.Platform : Guid(random);
        var entries = new List<AuditRecord>();
        AuditChainTip? tip = null;
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 300));
        for (var i = 0; i < length; i++)
        {
            at = at.AddTicks(random.NextInt64(1, TimeSpan.TicksPerHour));
            var entry = AuditChain.Append(tip, Draft(random, chainId, at));
            entries.Add(entry);
            tip = new AuditChainTip(entry.Sequence, entry.Hash);
        }

        return entries;
    }

    public static AuditChainTip HeadOf(IReadOnlyList<AuditRecord> chain) => new(chain[^1].Sequence, chain[^1].Hash);

    public static AuditRecord Draft(Random random, Guid chainId, DateTimeOffset at) => new(
        Guid(random),
        chainId,
        0,
        at.ToOffset(TimeSpan.FromHours(random.Next(-12, 13))),
        chainId == AuditChain.Platform ? null : chainId,
        Text(random),
        Text(random),
        random.Next(3) == 0 ? Guid(random) : null,
        Text(random),
        Text(random),
        random.Next(3) == 0 ? Guid(random) : null,
        random.Next(2) == 0 ? "member.role_changed" : "apikey.created",
        Text(random),
        Text(random),
        Text(random),
        Text(random),
        random.Next(2) == 0 ? "203.0.113." + random.Next(255) : null,
        Text(random),
        "",
        "");

    /// <summary>One change per field of an entry, each to a value different from the one it had.</summary>
    public static IReadOnlyList<(string Field, Func<AuditRecord, AuditRecord> Alter)> FieldAlterations { get; } =
    [
        ("Id", e => e with { Id = Flip(e.Id) }),
        ("ChainId", e => e with { ChainId = Flip(e.ChainId) }),
        ("Sequence up", e => e with { Sequence = e.Sequence + 1000 }),
        ("Sequence down", e => e with { Sequence = e.Sequence - 1 }),
        ("OccurredAt", e => e with { OccurredAt = e.OccurredAt.AddTicks(1) }),
        ("OrganizationId", e => e with { OrganizationId = e.OrganizationId is { } id ? null : System.Guid.Parse("11111111-2222-3333-4444-555555555555") }),
        ("ActorUserId", e => e with { ActorUserId = Alter(e.ActorUserId) }),
        ("ActorLabel", e => e with { ActorLabel = Alter(e.ActorLabel) }),
        ("ApiKeyId", e => e with { ApiKeyId = e.ApiKeyId is { } id ? null : System.Guid.Parse("21111111-2222-3333-4444-555555555555") }),
        ("ImpersonatorUserId", e => e with { ImpersonatorUserId = Alter(e.ImpersonatorUserId) }),
        ("ImpersonatorLabel", e => e with { ImpersonatorLabel = Alter(e.ImpersonatorLabel) }),
        ("SupportViewId", e => e with { SupportViewId = e.SupportViewId is { } id ? null : System.Guid.Parse("31111111-2222-3333-4444-555555555555") }),
        ("Action", e => e with { Action = e.Action + "x" }),
        ("EntityType", e => e with { EntityType = Alter(e.EntityType) }),
        ("EntityId", e => e with { EntityId = Alter(e.EntityId) }),
        ("Before", e => e with { Before = Alter(e.Before) }),
        ("After", e => e with { After = Alter(e.After) }),
        ("IpAddress", e => e with { IpAddress = Alter(e.IpAddress) }),
        ("Reason", e => e with { Reason = Alter(e.Reason) }),
        ("PreviousHash", e => e with { PreviousHash = FlipHex(e.PreviousHash) }),
        ("Hash", e => e with { Hash = FlipHex(e.Hash) }),
    ];

    /// <summary>null becomes empty, empty becomes null, anything else changes its last character.</summary>
    public static string? Alter(string? value) => value switch
    {
        null => "",
        "" => null,
        _ => value[..^1] + (value[^1] == 'q' ? 'r' : 'q'),
    };

    public static string FlipHex(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');

    private static Guid Flip(Guid id)
    {
        var bytes = id.ToByteArray();
        bytes[15] ^= 0x01;
        return new Guid(bytes);
    }

    private static string? Text(Random random) => Texts[random.Next(Texts.Length)];

    private static Guid Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
