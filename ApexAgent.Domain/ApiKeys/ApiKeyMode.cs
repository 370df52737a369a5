namespace ApexAgent.Domain.ApiKeys;

/// <summary>Live keys act on real data and money; test keys are for development (<c>apx_test_…</c>).</summary>
public enum ApiKeyMode
{
    Live = 0,
    Test = 1,
}
