using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;

namespace ApexAgent.Tests.Domain.Credits;

public sealed class BurnDownTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static GrantBalance Grant(long remaining, GrantKind kind = GrantKind.Base) =>
        new(Guid.NewGuid(), kind, Now.AddDays(-1), Now.AddDays(10), new Millicredits(remaining));

    [Fact]
    public void An_overdraft_beyond_a_lowered_allowance_is_owed_before_the_grants_pay_for_more()
    {
        // Allowance lowered to 0 while 100 is drawn: the balance is 1,000 − 100 = 900, and may not go below zero.
        var grants = new[] { Grant(1_000) };

        Assert.Equal("insufficient_credits", BurnDown.Split(grants, new Millicredits(1_000), new Millicredits(-100)).Error?.Code);
        var paid = BurnDown.Split(grants, new Millicredits(900), new Millicredits(-100));
        Assert.True(paid.IsSuccess);
        Assert.Equal([900L], paid.Value.Select(p => p.Taken.Value));
    }

    [Fact]
    public void What_the_grants_cannot_cover_is_drawn_on_the_overdraft_up_to_what_is_left_of_it()
    {
        var grants = new[] { Grant(300, GrantKind.DailyRefresh), Grant(200) };

        var split = BurnDown.Split(grants, new Millicredits(600), new Millicredits(100));
        Assert.True(split.IsSuccess);
        Assert.Equal([(GrantKind?)GrantKind.DailyRefresh, GrantKind.Base, null], split.Value.Select(p => p.Kind));
        Assert.Equal([300L, 200, 100], split.Value.Select(p => p.Taken.Value));
        Assert.Equal("insufficient_credits", BurnDown.Split(grants, new Millicredits(601), new Millicredits(100)).Error?.Code);
    }

    [Fact]
    public void Usage_must_be_positive()
    {
        Assert.Equal("usage_not_positive", BurnDown.Split([Grant(10)], Millicredits.Zero, Millicredits.Zero).Error?.Code);
    }
}
