using System.Reflection;
using PdfSharp.Fonts;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// Serves Liberation Sans (regular and bold) from this assembly's embedded resources. PDFsharp asks for each face's
/// bytes once and caches them, and embeds a subset of the glyphs it used in every PDF.
/// </summary>
internal sealed class PdfFontResolver : IFontResolver
{
    private const string RegularFace = "LiberationSans-Regular";
    private const string BoldFace = "LiberationSans-Bold";
    private const string ResourcePrefix = "ApexAgent.Portal.Integrations.Pdf.Fonts.";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, PdfFonts.FamilyName, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName) => faceName is RegularFace or BoldFace ? Load(faceName) : null;

    private static byte[] Load(string faceName)
    {
        var name = ResourcePrefix + faceName + ".ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from the portal assembly.");
        using var bytes = new MemoryStream((int)stream.Length);
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
