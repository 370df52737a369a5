using System.Globalization;
using System.Text;

namespace ApexAgent.Portal.Api;

/// <summary>
/// Builds RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, and a field that a spreadsheet would
/// run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
/// </summary>
public sealed class CsvDocument
{
    private readonly StringBuilder text = new();

    public CsvDocument(params string[] header) => Row(header);

    public CsvDocument Row(params object?[] fields)
    {
        text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        return this;
    }

    /// <summary>UTF-8 with a byte-order mark, so that spreadsheet programs read accents and "›" correctly.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    public override string ToString() => text.ToString();

    private static string Field(object? value)
    {
        var raw = value switch
        {
            null => "",
            DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (raw.Length > 0 && raw[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            raw = "'" + raw;
        }

        return raw.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + raw.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : raw;
    }
}
