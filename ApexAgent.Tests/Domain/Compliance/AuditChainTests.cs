using System.Text;
using ApexAgent.Domain.Compliance;

namespace ApexAgent.Tests.Domain.Compliance;

/// <summary>
/// Property-style checks over many generated chains: any alteration, deletion or reordering of stored entries makes
/// verification fail exactly at the entry concerned.
/// </summary>
public sealed class AuditChainTests
{
    private static readonly IReadOnlyList<IReadOnlyList<AuditRecord>> Chains = AuditChainGenerator.Chains(60, seed: 20260101).ToList();

    [Fact]
    public void Generated_chains_are_intact()
    {
        foreach (var chain in Chains)
        {
            var result = AuditChainVerifier.Verify(chain[0].ChainId, chain, AuditChainGenerator.HeadOf(chain));

            Assert.True(result.IsIntact, result.Summary);
            Assert.Equal(chain.Count, result.EntriesVerified);
            Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long)i), chain.Select(e => e.Sequence));
        }
    }

    [Fact]
    public void Altering_any_field_of_any_entry_breaks_the_chain_exactly_at_that_entry()
    {
        var checkedCases = 0;
        foreach (var chain in Chains)
        {
            for (var index = 0; index < chain.Count; index++)
            {
                foreach (var (field, alter) in AuditChainGenerator.FieldAlterations)
                {
                    var stored = chain.ToList();
                    stored[index] = alter(stored[index]);
                    Assert.NotEqual(chain[index], stored[index]);

                    var result = Verify(chain, stored);

                    Assert.False(result.IsIntact, $"{field} of entry #{index + 1} of {chain.Count} was altered unnoticed");
                    Assert.True(index + 1 == result.Break!.Sequence, $"{field} of entry #{index + 1} of {chain.Count}: reported {result.Summary}");
                    checkedCases++;
                }
            }
        }

        Assert.True(checkedCases > 10_000, $"only {checkedCases} cases");
    }

    [Fact]
    public void Altering_a_field_as_the_database_returns_it_in_sequence_order_also_breaks_there()
    {
        foreach (var chain in Chains)
        {
            for (var index = 0; index < chain.Count; index++)
            {
                foreach (var (field, alter) in AuditChainGenerator.FieldAlterations)
                {
                    var stored = chain.ToList();
                    stored[index] = alter(stored[index]);

                    var result = Verify(chain, stored.OrderBy(e => e.Sequence).ToList());

                    Assert.True(index + 1 == result.Break?.Sequence, $"{field} of entry #{index + 1} of {chain.Count}: reported {result.Summary}");
                }
            }
        }
    }

    [Fact]
    public void Deleting_any_entry_including_the_last_breaks_the_chain_exactly_there()
    {
        foreach (var chain in Chains)
        {
            for (var index = 0; index < chain.Count; index++)
            {
                var stored = chain.ToList();
                stored.RemoveAt(index);

                var result = Verify(chain, stored);

                Assert.Equal(index + 1, result.Break?.Sequence);
                Assert.Equal(index == chain.Count - 1 ? AuditBreakReason.TailDeleted : AuditBreakReason.Missing, result.Break!.Reason);
                Assert.Equal(index, result.EntriesVerified);
            }
        }
    }

    [Fact]
    public void Deleting_several_entries_from_the_end_is_reported_at_the_first_deleted()
    {
        foreach (var chain in Chains.Where(c => c.Count >= 3))
        {
            var result = Verify(chain, chain.Take(chain.Count - 2).ToList());

            Assert.Equal(AuditBreakReason.TailDeleted, result.Break?.Reason);
            Assert.Equal(chain.Count - 1, result.Break!.Sequence);
        }
    }

    [Fact]
    public void Swapping_any_two_stored_entries_breaks_the_chain_at_the_first_of_them()
    {
        foreach (var chain in Chains.Where(c => c.Count >= 2))
        {
            for (var i = 0; i < chain.Count; i++)
            {
                for (var j = i + 1; j < chain.Count; j++)
                {
                    // Stored out of order, each entry keeping its own sequence.
                    var stored = chain.ToList();
                    (stored[i], stored[j]) = (stored[j], stored[i]);
                    var swapped = Verify(chain, stored);
                    Assert.True(i + 1 == swapped.Break?.Sequence, $"swap #{i + 1} and #{j + 1}: {swapped.Summary}");
                    Assert.Equal(AuditBreakReason.Reordered, swapped.Break!.Reason);

                    // The sequence numbers swapped, so that reading in sequence order returns them swapped.
                    var renumbered = chain.ToList();
                    renumbered[i] = chain[j] with { Sequence = chain[i].Sequence };
                    renumbered[j] = chain[i] with { Sequence = chain[j].Sequence };
                    var exchanged = Verify(chain, renumbered);
                    Assert.True(i + 1 == exchanged.Break?.Sequence, $"exchange #{i + 1} and #{j + 1}: {exchanged.Summary}");
                }
            }
        }
    }

    [Fact]
    public void Moving_any_entry_elsewhere_breaks_the_chain_at_the_first_entry_out_of_place()
    {
        foreach (var chain in Chains.Where(c => c.Count >= 2))
        {
            for (var from = 0; from < chain.Count; from++)
            {
                for (var to = 0; to < chain.Count; to++)
                {
                    if (from == to)
                    {
                        continue;
                    }

                    var stored = chain.ToList();
                    var moved = stored[from];
                    stored.RemoveAt(from);
                    stored.Insert(to, moved);

                    var result = Verify(chain, stored);

                    Assert.True(Math.Min(from, to) + 1 == result.Break?.Sequence, $"move #{from + 1} to place {to + 1}: {result.Summary}");
                }
            }
        }
    }

    [Fact]
    public void Rewriting_an_entry_with_a_recomputed_hash_is_caught_at_the_next_link_or_at_the_head()
    {
        foreach (var chain in Chains)
        {
            for (var index = 0; index < chain.Count; index++)
            {
                var stored = chain.ToList();
                var forged = stored[index] with { After = "{\"role\":\"Owner\"}", Reason = "forged" };
                stored[index] = forged with { Hash = AuditChain.HashOf(forged.PreviousHash, forged) };

                var result = Verify(chain, stored);

                var last = index == chain.Count - 1;
                Assert.Equal(last ? index + 1 : index + 2, result.Break?.Sequence);
                Assert.Equal(last ? AuditBreakReason.HeadMismatch : AuditBreakReason.LinkBroken, result.Break!.Reason);
            }
        }
    }

    [Fact]
    public void The_chain_head_must_match_the_last_entry()
    {
        var chain = Chains.First(c => c.Count >= 3);
        var id = chain[0].ChainId;
        var head = AuditChainGenerator.HeadOf(chain);

        Assert.Equal(AuditBreakReason.HeadMismatch, AuditChainVerifier.Verify(id, chain, null).Break?.Reason);
        Assert.Equal(chain.Count, AuditChainVerifier.Verify(id, chain, null).Break?.Sequence);
        var early = AuditChainVerifier.Verify(id, chain, new AuditChainTip(chain.Count - 1, chain[^2].Hash));
        Assert.Equal((AuditBreakReason.HeadMismatch, (long)chain.Count), (early.Break?.Reason ?? default, early.Break?.Sequence ?? 0));
        var rewritten = AuditChainVerifier.Verify(id, chain, head with { Hash = AuditChainGenerator.FlipHex(head.Hash) });
        Assert.Equal((AuditBreakReason.HeadMismatch, (long)chain.Count), (rewritten.Break?.Reason ?? default, rewritten.Break?.Sequence ?? 0));
    }

    [Fact]
    public void An_empty_log_is_intact_unless_its_head_names_entries()
    {
        var id = Guid.NewGuid();

        Assert.True(AuditChainVerifier.Verify(id, [], null).IsIntact);
        Assert.Equal("Intact: 0 entries verified", AuditChainVerifier.Verify(id, [], null).Summary);
        var emptied = AuditChainVerifier.Verify(id, [], new AuditChainTip(3, new string('a', 64)));
        Assert.Equal(AuditBreakReason.TailDeleted, emptied.Break?.Reason);
        Assert.Equal(1, emptied.Break?.Sequence);
    }

    [Fact]
    public void An_entry_from_another_chain_is_refused_even_with_a_valid_hash()
    {
        var chain = Chains.First(c => c.Count >= 2);
        var other = Guid.NewGuid();

        var result = AuditChainVerifier.Verify(other, chain, AuditChainGenerator.HeadOf(chain));

        Assert.Equal(1, result.Break?.Sequence);
        Assert.Equal(AuditBreakReason.Altered, result.Break?.Reason);
    }

    [Fact]
    public void The_summary_says_what_people_need()
    {
        var chain = Chains.First(c => c.Count >= 3).ToList();
        chain[1] = chain[1] with { Reason = "changed" };

        var result = Verify(chain, chain);

        Assert.StartsWith("Entry #2 was altered (", result.Summary, StringComparison.Ordinal);
        Assert.Equal(1, result.EntriesVerified);
    }

    [Fact]
    public void The_canonical_form_keeps_field_boundaries_and_tells_null_from_empty()
    {
        var entry = AuditChainGenerator.Draft(new Random(1), Guid.NewGuid(), DateTimeOffset.UnixEpoch) with { EntityType = "ab", EntityId = "c" };

        Assert.NotEqual(AuditCanonicalForm.Of(entry), AuditCanonicalForm.Of(entry with { EntityType = "a", EntityId = "bc" }));
        Assert.NotEqual(AuditCanonicalForm.Of(entry with { Reason = null }), AuditCanonicalForm.Of(entry with { Reason = "" }));
        Assert.NotEqual(AuditCanonicalForm.Of(entry with { Reason = "~" }), AuditCanonicalForm.Of(entry with { Reason = null }));
        Assert.Equal(AuditCanonicalForm.Of(entry), AuditCanonicalForm.Of(entry with { OccurredAt = entry.OccurredAt.ToOffset(TimeSpan.FromHours(5)) }));
    }

    [Fact]
    public void The_hash_of_a_known_entry_never_changes()
    {
        // Every stored chain depends on this: a change to the canonical form must come with a new version tag.
        var entry = new AuditRecord(
            Guid.Parse("0190f0a1-0000-7000-8000-000000000001"),
            Guid.Parse("0190f0a1-0000-7000-8000-0000000000aa"),
            1,
            new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero).AddTicks(8970),
            Guid.Parse("0190f0a1-0000-7000-8000-0000000000aa"),
            "user-1",
            "ada@example.com",
            null,
            null,
            null,
            null,
            AuditActions.MemberRoleChanged,
            "Membership",
            "0190f0a1-0000-7000-8000-0000000000bb",
            "{\"role\":\"Member\"}",
            "{\"role\":\"Admin\"}",
            "203.0.113.7",
            null,
            AuditChain.Genesis,
            "");

        var canonical = Encoding.UTF8.GetString(AuditCanonicalForm.Of(entry));

        Assert.Equal(
            "18:apexagent.audit.v136:0190f0a1-0000-7000-8000-00000000000136:0190f0a1-0000-7000-8000-0000000000aa1:128:2026-03-14T15:09:26.5358970Z"
            + "36:0190f0a1-0000-7000-8000-0000000000aa6:user-115:ada@example.com~~~~19:member.role_changed10:Membership"
            + "36:0190f0a1-0000-7000-8000-0000000000bb17:{\"role\":\"Member\"}16:{\"role\":\"Admin\"}11:203.0.113.7~",
            canonical);
        Assert.Equal(KnownHash, AuditChain.HashOf(AuditChain.Genesis, entry));
    }

    [Fact]
    public void Appending_numbers_links_and_seals_the_entry_in_utc_microseconds()
    {
        var draft = AuditChainGenerator.Draft(new Random(7), Guid.NewGuid(), new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345));
        var tip = new AuditChainTip(41, new string('b', 64));

        var entry = AuditChain.Append(tip, draft);

        Assert.Equal(42, entry.Sequence);
        Assert.Equal(tip.Hash, entry.PreviousHash);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
        Assert.Equal(0, entry.OccurredAt.UtcTicks % 10);
        Assert.Equal(draft.OccurredAt.UtcTicks - 5, entry.OccurredAt.UtcTicks);
        Assert.Equal(AuditChain.HashOf(tip.Hash, entry), entry.Hash);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(AuditChain.Genesis, AuditChain.Append(null, draft).PreviousHash);
        Assert.Equal(1, AuditChain.Append(null, draft).Sequence);
    }

    private const string KnownHash = "484d8af9122ac8eb17bd66f13c94b3d60ac78870e479d8cafc096a9d1a367fd5"; // also computed independently (Python hashlib)

    private static AuditVerification Verify(IReadOnlyList<AuditRecord> original, IReadOnlyList<AuditRecord> stored) =>
        AuditChainVerifier.Verify(original[0].ChainId, stored, AuditChainGenerator.HeadOf(original));
}
