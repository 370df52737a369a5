using MudBlazor;

namespace ApexAgent.Portal.Components.Layout;

/// <summary>Colours and type of the portal, light and dark; both pass WCAG AA for text.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4338ca",
            Secondary = "#0f766e",
            Tertiary = "#b45309",
            AppbarBackground = "#1e1b4b",
            AppbarText = "#ffffff",
            Background = "#f7f7fb",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            TextPrimary = "#111827",
            TextSecondary = "#4b5563",
            Success = "#15803d",
            Error = "#b91c1c",
            Warning = "#b45309",
            Info = "#1d4ed8",
            LinesDefault = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a5b4fc",
            Secondary = "#5eead4",
            Tertiary = "#fcd34d",
            AppbarBackground = "#111027",
            AppbarText = "#f9fafb",
            Background = "#0b0b16",
            Surface = "#16152b",
            DrawerBackground = "#111027",
            DrawerText = "#e5e7eb",
            TextPrimary = "#f3f4f6",
            TextSecondary = "#c0c4cc",
            Success = "#4ade80",
            Error = "#f87171",
            Warning = "#fbbf24",
            Info = "#93c5fd",
            LinesDefault = "#2e2c4d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "248px" },
    };
}
