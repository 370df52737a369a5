using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Account;

/// <summary>
/// The serialized body of <c>GET /api/v1/me</c>, kept per account snapshot and API key: the answer only changes
/// when the snapshot does (a profile or plan change replaces it), so it is written once, not on every call.
/// Entries die with their snapshot.
/// </summary>
public sealed class MeDocuments(IOptions<JsonOptions> json)
{
    private readonly ConditionalWeakTable<AccountSnapshot, ConcurrentDictionary<Guid, byte[]>> bodies = new();

    public byte[] For(AccountSnapshot snapshot, Actor actor) =>
        bodies.GetOrCreateValue(snapshot).GetOrAdd(
            actor.ApiKeyId ?? Guid.Empty,
            static (_, state) => JsonSerializer.SerializeToUtf8Bytes(MeResponse.From(state.snapshot, state.actor), state.options),
            (snapshot, actor, options: json.Value.SerializerOptions));
}
