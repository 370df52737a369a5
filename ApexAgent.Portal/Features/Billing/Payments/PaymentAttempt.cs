using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>What a charge attempt settles with, inside the transaction that records its outcome.</summary>
public delegate Task PaymentSettlement(PortalDbContext db, Invoice invoice, Payment payment, ChargeOutcome outcome, CancellationToken ct);
