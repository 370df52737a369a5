using ApexAgent.Benchmarks.Dashboard;
using ApexAgent.Benchmarks.Load;
using ApexAgent.Benchmarks.Micro;
using ApexAgent.Benchmarks.Pdf;
using ApexAgent.Benchmarks.Renewals;
using ApexAgent.Benchmarks.Usage;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project ApexAgent.Benchmarks -- [load] [--duration 20] [--clients 32] [--max-requests 5000000] [--markdown file.md]
// dotnet run -c Release --project ApexAgent.Benchmarks -- renewals [10000 100000]
// dotnet run -c Release --project ApexAgent.Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter * --job short]
// dotnet run -c Release --project ApexAgent.Benchmarks -- usage [--duration 15] [--clients 32] [--batch-clients 4] [--markdown file.md]
// dotnet run -c Release --project ApexAgent.Benchmarks -- pdf [--duration 10] [--warmup 3]
// dotnet run -c Release --project ApexAgent.Benchmarks -- dashboard [10000000]
var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "load";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;

switch (mode)
{
    case "load":
        return await LoadCommand.RunAsync(rest);
    case "renewals":
        return await RenewalCommand.RunAsync(rest);
    case "micro":
        var micro = rest.Length == 0 ? ["--filter", "*"] : rest;
        BenchmarkSwitcher.FromAssembly(typeof(ApiKeySecretBenchmarks).Assembly).Run(micro);
        return 0;
    case "usage":
        return await UsageCommand.RunAsync(rest);
    case "dashboard":
        return await DashboardCommand.RunAsync(rest);
    case "pdf":
        return InvoicePdfCommand.Run(rest);
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Use 'load' (default), 'renewals', 'usage', 'dashboard', 'pdf' or 'micro'.");
        return 2;
}
