namespace ApexAgent.Domain.Common;

/// <summary>What kind of failure an error is; the API maps it to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>The request is valid but must be paid for first: not enough credits (HTTP 402).</summary>
    PaymentRequired,
}
