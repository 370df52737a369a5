using System.Text;
using ApexAgent.Portal.Features.Verification;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>Documents as browsers send them: real PDF and PNG headers, and impostors.</summary>
public static class VerificationFiles
{
    public static byte[] Pdf(int size = 2048)
    {
        var bytes = new byte[size];
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Png(int size = 1024)
    {
        var bytes = new byte[size];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Text() => Encoding.UTF8.GetBytes("This is not a PDF, it only has the name of one.");

    public static UploadedFile File(string name, byte[] content) => new(name, new MemoryStream(content));

    public static VerificationApplicationForm EducationForm(string domain = "example.test") => new()
    {
        Type = ApexAgent.Domain.Accounts.AccountType.Education,
        LegalName = "State University of Example",
        Website = "https://www.stateu.example.test",
        Country = "US",
        InstitutionType = "Accredited university or college",
        OfficialId = "123456",
        EmailDomain = domain,
    };
}
