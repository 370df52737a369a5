namespace ApexAgent.Portal.Integrations.Pdf;

public static class PdfSetup
{
    /// <summary>The invoice and credit-note renderer: stateless and thread-safe, so one for the whole app.</summary>
    public static void AddInvoicePdfs(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<InvoicePdfRenderer>();
}
