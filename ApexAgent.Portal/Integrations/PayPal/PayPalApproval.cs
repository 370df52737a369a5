namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>Something the buyer approves at PayPal: the setup token or order id, and the link to send the buyer to.</summary>
public sealed record PayPalApproval(string Id, string ApproveUrl);
