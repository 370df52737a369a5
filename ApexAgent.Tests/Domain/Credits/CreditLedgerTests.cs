using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Tests.Domain.Credits;

public sealed class CreditLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_equal_expiry_daily_burns_before_bonus_before_base_before_purchased_before_promotional()
    {
        var ends = Now.AddDays(1);
        var ledger = new CreditLedger([], []);
        var kinds = new[] { GrantKind.Promotional, GrantKind.Purchased, GrantKind.Base, GrantKind.FirstPeriodBonus, GrantKind.DailyRefresh };
        var ids = kinds.ToDictionary(k => k, k => Give(ledger, k, 1_000, Now.AddDays(-1), ends));

        var parts = ledger.Deduct(new Millicredits(4_500), "event-1", Now, Guid.NewGuid).Value;

        Assert.Equal(
            [ids[GrantKind.DailyRefresh], ids[GrantKind.FirstPeriodBonus], ids[GrantKind.Base], ids[GrantKind.Purchased], ids[GrantKind.Promotional]],
            parts.Select(p => p.GrantId!.Value));
        Assert.Equal([-1_000, -1_000, -1_000, -1_000, -500], parts.Select(p => p.Change.Value));
        Assert.Equal(new Millicredits(500), ledger.AvailableAt(Now));
    }

    [Fact]
    public void The_grant_that_expires_soonest_burns_first_whatever_its_kind()
    {
        var ledger = new CreditLedger([], []);
        var promotionalEndingSoon = Give(ledger, GrantKind.Promotional, 1_000, Now.AddDays(-1), Now.AddHours(1));
        Give(ledger, GrantKind.DailyRefresh, 1_000, Now.AddDays(-1), Now.AddHours(12));

        var part = Assert.Single(ledger.Deduct(new Millicredits(700), "event-1", Now, Guid.NewGuid).Value);

        Assert.Equal(promotionalEndingSoon, part.GrantId);
    }

    [Fact]
    public void Usage_the_balance_cannot_cover_deducts_nothing_unless_an_overdraft_allows_it()
    {
        var ledger = new CreditLedger([], []);
        Give(ledger, GrantKind.Base, 1_000, Now.AddDays(-1), Now.AddDays(30));

        Assert.Equal("insufficient_credits", ledger.Deduct(new Millicredits(1_001), "big", Now, Guid.NewGuid).Error?.Code);
        Assert.Equal(new Millicredits(1_000), ledger.Balance);

        var parts = ledger.Deduct(new Millicredits(1_300), "big", Now, Guid.NewGuid, overdraftAllowance: new Millicredits(500)).Value;
        Assert.Equal(new Millicredits(-300), Assert.Single(parts, p => p.GrantId is null).Change);
        Assert.Equal(new Millicredits(-300), ledger.Balance);
        Assert.Equal("insufficient_credits", ledger.Deduct(new Millicredits(201), "more", Now, Guid.NewGuid, new Millicredits(500)).Error?.Code);
    }

    [Fact]
    public void Grants_not_yet_started_or_already_ended_are_not_drawn_on_and_what_is_left_expires()
    {
        var ledger = new CreditLedger([], []);
        var ended = Give(ledger, GrantKind.Base, 1_000, Now.AddDays(-30), Now.AddMinutes(-1));
        Give(ledger, GrantKind.Purchased, 1_000, Now.AddHours(1), Now.AddDays(365));

        Assert.Equal(Millicredits.Zero, ledger.AvailableAt(Now));
        Assert.Equal("insufficient_credits", ledger.Deduct(new Millicredits(1), "x", Now, Guid.NewGuid).Error?.Code);
        var expiry = Assert.Single(ledger.ExpireAt(Now, Guid.NewGuid));
        Assert.Equal((ended, -1_000L, LedgerEntryKind.Expired), (expiry.GrantId!.Value, expiry.Change.Value, expiry.Kind));
        Assert.Empty(ledger.ExpireAt(Now, Guid.NewGuid));
        Assert.Equal(new Millicredits(1_000), ledger.Balance);
    }

    [Fact]
    public void One_grant_per_source_and_only_positive_ones()
    {
        var ledger = new CreditLedger([], []);
        var first = new CreditGrant(Guid.NewGuid(), GrantKind.Base, new Millicredits(5), Now, Now.AddDays(1), "base:sub-1:2026-11");

        Assert.True(ledger.Grant(first, Guid.NewGuid()).IsSuccess);
        Assert.Equal("grant_already_given", ledger.Grant(first with { Id = Guid.NewGuid() }, Guid.NewGuid()).Error?.Code);
        Assert.Equal("grant_not_positive", ledger.Grant(first with { Id = Guid.NewGuid(), Source = "s2", Amount = Millicredits.Zero }, Guid.NewGuid()).Error?.Code);
        Assert.Equal("grant_expires_before_it_starts", ledger.Grant(first with { Id = Guid.NewGuid(), Source = "s3", ExpiresAt = Now }, Guid.NewGuid()).Error?.Code);
        Assert.Single(ledger.Entries);
    }

    [Fact]
    public void A_claw_back_takes_at_most_what_is_left()
    {
        var ledger = new CreditLedger([], []);
        var grant = Give(ledger, GrantKind.Base, 1_000, Now.AddDays(-1), Now.AddDays(30));
        ledger.Deduct(new Millicredits(800), "use", Now, Guid.NewGuid);

        var taken = ledger.ClawBack(grant, new Millicredits(500), "downgrade", Now, Guid.NewGuid()).Value;

        Assert.Equal(new Millicredits(-200), taken.Change);
        Assert.Equal(Millicredits.Zero, ledger.RemainingOf(grant));
    }

    private static Guid Give(CreditLedger ledger, GrantKind kind, long amount, DateTimeOffset starts, DateTimeOffset ends)
    {
        var grant = new CreditGrant(Guid.NewGuid(), kind, new Millicredits(amount), starts, ends, $"{kind}-{Guid.NewGuid():N}");
        Assert.True(ledger.Grant(grant, Guid.NewGuid()).IsSuccess);
        return grant.Id;
    }
}
