using System.Net;

namespace ApexAgent.Portal.Features.Email;

/// <summary>The portal's one mail layout: a heading, a few lines and an action button.</summary>
public static class EmailTemplate
{
    /// <param name="actionUrl">Already HTML-encoded by the caller when it comes from Identity.</param>
    public static string Render(string heading, IEnumerable<string> lines, string? actionText = null, string? actionUrl = null)
    {
        var paragraphs = string.Concat(lines.Select(line => $"<p style=\"margin:0 0 12px\">{WebUtility.HtmlEncode(line)}</p>"));
        var button = actionUrl is null ? "" :
            $"<p style=\"margin:24px 0\"><a href=\"{actionUrl}\" style=\"background:#4f46e5;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600\">{WebUtility.HtmlEncode(actionText)}</a></p>" +
            $"<p style=\"margin:0 0 12px;color:#6b7280;font-size:13px;word-break:break-all\">Or open this link: <a href=\"{actionUrl}\">{actionUrl}</a></p>";
        return $"""
            <div style="font-family:Helvetica,Arial,sans-serif;max-width:560px;margin:0 auto;padding:24px;color:#111827">
              <p style="font-weight:700;font-size:18px;color:#4f46e5;margin:0 0 24px">ApexAgent</p>
              <h1 style="font-size:22px;margin:0 0 16px">{WebUtility.HtmlEncode(heading)}</h1>
              {paragraphs}{button}
              <p style="margin:32px 0 0;color:#6b7280;font-size:12px">You receive this because of your ApexAgent account. If this wasn't you, you can ignore it.</p>
            </div>
            """;
    }
}
