namespace ApexAgent.Domain.Common;

/// <summary>What kind of failure an error is; the API maps it to an HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
}
