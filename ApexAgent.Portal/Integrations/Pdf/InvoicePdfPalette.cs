using PdfSharp.Drawing;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>Colours of the invoice PDFs. Brushes and pens are only read while drawing, so they are shared.</summary>
internal static class InvoicePdfPalette
{
    public static readonly XSolidBrush Ink = Brush(0x0F, 0x17, 0x2A);
    public static readonly XSolidBrush Muted = Brush(0x64, 0x74, 0x8B);
    public static readonly XSolidBrush Brand = Brush(0x43, 0x38, 0xCA);
    public static readonly XSolidBrush HeaderFill = Brush(0xF1, 0xF5, 0xF9);
    public static readonly XSolidBrush OnBadge = Brush(0xFF, 0xFF, 0xFF);
    public static readonly XSolidBrush Positive = Brush(0x15, 0x80, 0x3D);
    public static readonly XSolidBrush Pending = Brush(0xB4, 0x53, 0x09);
    public static readonly XSolidBrush Negative = Brush(0xB9, 0x1C, 0x1C);
    public static readonly XSolidBrush Neutral = Brush(0x47, 0x55, 0x69);
    public static readonly XPen Rule = new(XColor.FromArgb(0xE2, 0xE8, 0xF0), 0.75);
    public static readonly XPen StrongRule = new(XColor.FromArgb(0x94, 0xA3, 0xB8), 0.75);
    public static readonly XPen ReferenceBar = new(XColor.FromArgb(0x43, 0x38, 0xCA), 2);

    private static XSolidBrush Brush(int red, int green, int blue) => new(XColor.FromArgb(red, green, blue));
}
