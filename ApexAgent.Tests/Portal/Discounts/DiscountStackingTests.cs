using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Discounts;
using static ApexAgent.Tests.Portal.Discounts.DiscountStackTestData;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>ADR 0022: every stacking case, in exact cents (Pro $20/month, Team $40 and Enterprise $60 per seat per month).</summary>
public sealed class DiscountStackingTests
{
    public static TheoryData<string, TierCode, int, AccountType?, string?, bool, long, long, long, long> Cases => new()
    {
        // name, tier, seats, verified, code (P25 = 25% stackable, N25 = 25% not stackable, F15 = $15 off), -, account, volume, code, total
        { "none", TierCode.Pro, 1, null, null, true, 0, 0, 0, 2000 },
        { "account type only", TierCode.Pro, 1, AccountType.Education, null, true, -1000, 0, 0, 1000 },
        { "volume only", TierCode.Team, 12, null, null, true, 0, -4800, 0, 43200 },
        { "code only", TierCode.Pro, 1, null, "P25", true, 0, 0, -500, 1500 },
        { "account + volume", TierCode.Team, 12, AccountType.Education, null, true, -24000, -2400, 0, 21600 },
        { "account + stackable code", TierCode.Pro, 1, AccountType.Education, "P25", true, -1000, 0, -250, 750 },
        { "volume + code", TierCode.Team, 12, null, "P25", true, 0, -4800, -10800, 32400 },
        { "all three", TierCode.Team, 12, AccountType.Education, "P25", true, -24000, -2400, -5400, 16200 },
        { "fixed code larger than what is left", TierCode.Pro, 1, AccountType.Education, "F15", true, -1000, 0, -1000, 0 },
        { "healthcare enterprise", TierCode.Enterprise, 10, AccountType.Healthcare, null, true, -15000, -4500, 0, 40500 },
        { "education gets nothing on enterprise", TierCode.Enterprise, 10, AccountType.Education, null, true, 0, -6000, 0, 54000 },
        { "healthcare team 50 seats", TierCode.Team, 50, AccountType.Healthcare, null, true, -50000, -22500, 0, 127500 },
        { "team 200 seats", TierCode.Team, 200, null, null, true, 0, -160000, 0, 640000 },
        { "team 9 seats has no volume", TierCode.Team, 9, null, null, true, 0, 0, 0, 36000 },
        { "business gets no account discount", TierCode.Pro, 1, AccountType.Business, "P25", true, 0, 0, -500, 1500 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Discounts_stack_in_order_each_on_what_is_left_rounded_once(string name, TierCode tier, int seats, AccountType? verified, string? code, bool ok,
        long account, long volume, long byCode, long total)
    {
        var discount = code switch
        {
            "P25" => Code("SPRING25", percent: 25),
            "N25" => Code("SOLO25", percent: 25, stackable: false),
            "F15" => Code("TAKE15", fixedMinor: 1500),
            _ => null,
        };
        var (draft, refused) = Price(Plan(tier, seats), verified, discount);
        Assert.Equal(ok, refused is null);
        Assert.True(account == Sum(draft, InvoiceLineKind.AccountTypeDiscount), $"{name}: account {Sum(draft, InvoiceLineKind.AccountTypeDiscount)}");
        Assert.True(volume == Sum(draft, InvoiceLineKind.VolumeDiscount), $"{name}: volume {Sum(draft, InvoiceLineKind.VolumeDiscount)}");
        Assert.True(byCode == Sum(draft, InvoiceLineKind.CodeDiscount), $"{name}: code {Sum(draft, InvoiceLineKind.CodeDiscount)}");
        Assert.True(total == draft.TotalMinor, $"{name}: total {draft.TotalMinor}");
        Assert.All(draft.Lines.Where(l => InvoiceLineKind.IsDiscount(l.Kind)).GroupBy(l => l.Kind), g => Assert.Single(g));
    }

    [Fact]
    public void A_non_stackable_code_is_refused_with_an_account_type_discount_and_says_why()
    {
        var (_, refused) = Price(Plan(TierCode.Pro), AccountType.Education, Code("SOLO25", percent: 25, stackable: false));
        Assert.Equal("discount_code_not_combinable", refused?.Code);
        Assert.Equal("This code cannot be combined with your education discount.", refused?.Message);

        var (withoutVerification, fine) = Price(Plan(TierCode.Team, 12), null, Code("SOLO25", percent: 25, stackable: false));
        Assert.Null(fine); // volume discounts always stack
        Assert.Equal(32400, withoutVerification.TotalMinor);
    }

    [Fact]
    public void Lines_read_well()
    {
        var (draft, _) = Price(Plan(TierCode.Team, 50), AccountType.Education, Code("SPRING25", percent: 25, duration: DiscountDuration.Repeating, periods: 3));
        Assert.Equal(["Education discount (50%)", "Volume discount (50 seats, 15%)", "Code SPRING25: 25% off (1 of 3 months)"],
            draft.Lines.Where(l => InvoiceLineKind.IsDiscount(l.Kind)).Select(l => l.Description));
    }

    [Fact]
    public void A_contract_price_gets_no_account_type_or_volume_discount()
    {
        var (draft, _) = Price(Plan(TierCode.Enterprise, 50, contractMinor: 500_000), AccountType.Healthcare);
        Assert.DoesNotContain(draft.Lines, l => InvoiceLineKind.IsDiscount(l.Kind));
        Assert.Equal(500_000, draft.TotalMinor);
    }

    [Fact]
    public void The_unused_time_line_is_not_discounted_again()
    {
        // The unused-time line already carries the share that was paid (PlanChangeService); only the new plan's lines are discounted.
        var (draft, _) = Price(Plan(TierCode.Enterprise, 10), AccountType.Healthcare, previous: Plan(TierCode.Pro),
            lines: [(InvoiceLineKind.UnusedTime, -1000), (InvoiceLineKind.RemainingTime, 30000)], purpose: InvoicePurpose.PlanChange);
        Assert.Equal(-7500, Sum(draft, InvoiceLineKind.AccountTypeDiscount));
        Assert.Equal(-2250, Sum(draft, InvoiceLineKind.VolumeDiscount));
        Assert.Equal(19250, draft.TotalMinor);
    }

    [Fact]
    public void Each_discount_is_rounded_once_half_away_from_zero()
    {
        // 1,333 cents of remaining Pro time: education 666.5 → 667; what is left 666; 25% = 166.5 → 167.
        var (draft, _) = Price(Plan(TierCode.Pro), AccountType.Education, Code("SPRING25", percent: 25), previous: Plan(TierCode.Pro),
            lines: [(InvoiceLineKind.RemainingTime, 1333)], purpose: InvoicePurpose.PlanChange);
        Assert.Equal(-667, Sum(draft, InvoiceLineKind.AccountTypeDiscount));
        Assert.Equal(-167, Sum(draft, InvoiceLineKind.CodeDiscount));
        Assert.Equal(499, draft.TotalMinor);
    }

    [Fact]
    public void A_downgrade_credited_to_the_balance_gets_no_volume_or_code_discount()
    {
        var (draft, refused) = Price(Plan(TierCode.Team, 12), null, Code("SPRING25", percent: 25), previous: Plan(TierCode.Team, 60),
            lines: [(InvoiceLineKind.UnusedTime, -120000), (InvoiceLineKind.RemainingTime, 24000)], purpose: InvoicePurpose.PlanChange);
        Assert.Equal("discount_code_not_applicable", refused?.Code);
        Assert.Equal(0, Sum(draft, InvoiceLineKind.VolumeDiscount));
    }

    [Fact]
    public void Credit_packs_get_no_discount()
    {
        var (draft, _) = Price(Plan(TierCode.Pro), AccountType.Education, lines: [(InvoiceLineKind.CreditPack, 5000)], purpose: InvoicePurpose.CreditPurchase);
        Assert.Equal(5000, draft.TotalMinor);
    }

    [Fact]
    public void Generated_carts_never_go_negative_never_discount_more_than_the_priced_lines_and_do_not_depend_on_line_order()
    {
        var random = new Random(2207);
        AccountType?[] types = [null, AccountType.Individual, AccountType.Business, AccountType.Education, AccountType.Healthcare];
        for (var i = 0; i < 2000; i++)
        {
            var tier = (TierCode)random.Next(1, 4);
            var seats = random.Next(1, 300);
            var previous = Plan((TierCode)random.Next(1, 4), random.Next(1, 300));
            var code = random.Next(3) switch
            {
                0 => null,
                1 => Code("GEN" + i, percent: random.Next(1, 10001) / 100m),
                _ => Code("GEN" + i, fixedMinor: random.Next(1, 200_000)),
            };
            var remaining = (long)random.Next(1, 500_000);
            var unused = -(long)random.Next(0, 200_000);
            var type = types[random.Next(types.Length)];
            (string, long)[] lines = [(InvoiceLineKind.RemainingTime, remaining), (InvoiceLineKind.UnusedTime, unused)];
            var (draft, refused) = Price(Plan(tier, seats), type, code, previous, lines, InvoicePurpose.PlanChange);
            var (reordered, refusedToo) = Price(Plan(tier, seats), type, code, previous, [lines[1], lines[0]], InvoicePurpose.PlanChange);
            Assert.Equal(refused?.Code, refusedToo?.Code);
            Assert.Equal(draft.TotalMinor, reordered.TotalMinor);
            var priced = remaining + unused;
            var discounts = draft.Lines.Where(l => InvoiceLineKind.IsDiscount(l.Kind) && l.Kind != InvoiceLineKind.AccountTypeDiscount).Sum(l => l.AmountMinor);
            Assert.True(discounts <= 0, $"case {i}: volume and code discounts only take off");
            var afterAccount = priced + Sum(draft, InvoiceLineKind.AccountTypeDiscount);
            if (afterAccount >= 0)
            {
                Assert.True(draft.TotalMinor >= 0, $"case {i}: total {draft.TotalMinor} below zero");
            }

            Assert.True(-discounts <= Math.Max(afterAccount, 0), $"case {i}: discounts {discounts} exceed what is left {afterAccount}");
            Assert.True(Math.Abs(Sum(draft, InvoiceLineKind.AccountTypeDiscount)) <= Math.Abs(remaining) + Math.Abs(unused), $"case {i}");
        }
    }
}
