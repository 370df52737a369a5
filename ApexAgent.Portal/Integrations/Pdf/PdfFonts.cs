using PdfSharp.Fonts;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// The one font family the portal's PDFs use, and its registration with PDFsharp. PDFsharp's font resolver is
/// process-wide and may be set only before the first font is used, so it is set here once, and only if nothing
/// else has set one.
/// </summary>
public static class PdfFonts
{
    /// <summary>Liberation Sans, embedded in the portal assembly (SIL Open Font License 1.1).</summary>
    public const string FamilyName = "Liberation Sans";

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Idempotent and thread-safe; throws if another font resolver was registered with PDFsharp first.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref registered))
        {
            return;
        }

        lock (Gate)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new PdfFontResolver();
                    break;
                case PdfFontResolver:
                    break;
                case var other:
                    throw new InvalidOperationException(
                        $"PDFsharp already uses the font resolver {other.GetType().FullName}; the portal's PDFs need {nameof(PdfFontResolver)} ({FamilyName}).");
            }

            Volatile.Write(ref registered, true);
        }
    }
}
