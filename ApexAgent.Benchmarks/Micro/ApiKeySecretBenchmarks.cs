using ApexAgent.Domain.ApiKeys;
using BenchmarkDotNet.Attributes;

namespace ApexAgent.Benchmarks.Micro;

/// <summary>The per-request CPU cost of checking a presented API key before any cache or database lookup.</summary>
[MemoryDiagnoser]
public class ApiKeySecretBenchmarks
{
    private string key = "";
    private string malformed = "";

    [GlobalSetup]
    public void Setup()
    {
        key = ApiKeySecret.Generate(ApiKeyMode.Live).Plaintext;
        malformed = key[..^1] + "!";
    }

    [Benchmark(Baseline = true)]
    public string HashOf() => ApiKeySecret.HashOf(key);

    [Benchmark]
    public bool HasValidFormat() => ApiKeySecret.HasValidFormat(key);

    [Benchmark]
    public bool HasValidFormatRejectsLastChar() => ApiKeySecret.HasValidFormat(malformed);
}
