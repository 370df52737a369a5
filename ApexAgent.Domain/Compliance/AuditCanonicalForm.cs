using System.Globalization;
using System.Text;

namespace ApexAgent.Domain.Compliance;

/// <summary>
/// The exact bytes an entry's hash is computed over: a version tag, then every field but the two hashes in a fixed
/// order, each written as its UTF-8 length, a colon and its bytes (or a lone <c>~</c> for null). Because every
/// field carries its length, no two different entries share a canonical form: <c>("ab", "c")</c> and
/// <c>("a", "bc")</c> differ, and so do null and the empty string. Instants are UTC with all seven fractional
/// digits; ids are lower-case hex with hyphens; numbers are invariant decimals.
/// </summary>
public static class AuditCanonicalForm
{
    public const string Version = "apexagent.audit.v1";

    public static byte[] Of(AuditRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(512);
        Field(text, Version);
        Field(text, Id(entry.Id));
        Field(text, Id(entry.ChainId));
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, Id(entry.OrganizationId));
        Field(text, entry.ActorUserId);
        Field(text, entry.ActorLabel);
        Field(text, Id(entry.ApiKeyId));
        Field(text, entry.ImpersonatorUserId);
        Field(text, entry.ImpersonatorLabel);
        Field(text, Id(entry.SupportViewId));
        Field(text, entry.Action);
        Field(text, entry.EntityType);
        Field(text, entry.EntityId);
        Field(text, entry.Before);
        Field(text, entry.After);
        Field(text, entry.IpAddress);
        Field(text, entry.Reason);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string? Id(Guid? id) => id?.ToString("D", CultureInfo.InvariantCulture);

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append('~');
            return;
        }

        text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
