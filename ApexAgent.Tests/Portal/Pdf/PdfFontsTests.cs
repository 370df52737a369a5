using ApexAgent.Portal.Integrations.Pdf;
using PdfSharp.Fonts;

namespace ApexAgent.Tests.Portal.Pdf;

public sealed class PdfFontsTests
{
    [Fact]
    public void Registering_from_many_threads_leaves_the_portal_resolver_in_place()
    {
        Parallel.For(0, 32, _ => PdfFonts.EnsureRegistered());

        Assert.IsType<PdfFontResolver>(GlobalFontSettings.FontResolver);
    }

    [Fact]
    public void The_resolver_serves_liberation_sans_regular_and_bold_and_nothing_else()
    {
        var resolver = new PdfFontResolver();

        var regular = resolver.ResolveTypeface("liberation sans", bold: false, italic: false);
        var bold = resolver.ResolveTypeface(PdfFonts.FamilyName, bold: true, italic: false);

        Assert.NotNull(regular);
        Assert.NotNull(bold);
        Assert.NotEqual(regular.FaceName, bold.FaceName);
        Assert.Null(resolver.ResolveTypeface("Arial", bold: false, italic: false));
        Assert.Null(resolver.GetFont("Arial"));
        byte[] trueTypeVersion = [0x00, 0x01, 0x00, 0x00];
        Assert.Equal(trueTypeVersion, resolver.GetFont(regular.FaceName)![..4]);
        Assert.Equal(trueTypeVersion, resolver.GetFont(bold.FaceName)![..4]);
        Assert.NotEqual(resolver.GetFont(regular.FaceName), resolver.GetFont(bold.FaceName));
    }
}
