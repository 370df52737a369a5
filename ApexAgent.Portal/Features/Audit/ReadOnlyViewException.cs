using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// A write was attempted while a support view is open: the view is read-only, so the save was refused before
/// anything was written. Services refuse such writes themselves (<see cref="Actor.RefuseIfReadOnly"/>); this is
/// the safety net beneath them.
/// </summary>
public sealed class ReadOnlyViewException : InvalidOperationException
{
    public ReadOnlyViewException()
        : base(Actor.ReadOnlyView.Message)
    {
    }

    public ReadOnlyViewException(string message)
        : base(message)
    {
    }

    public ReadOnlyViewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
