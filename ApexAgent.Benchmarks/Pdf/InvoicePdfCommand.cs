using System.Diagnostics;
using System.Globalization;
using ApexAgent.Portal.Integrations.Pdf;

namespace ApexAgent.Benchmarks.Pdf;

/// <summary>
/// <c>pdf</c>: renders the eight-line <see cref="BenchmarkInvoice"/> over and over on one thread, first for the
/// warm-up, then for the measured duration, and compares the rate with the issue's target.
/// </summary>
public static class InvoicePdfCommand
{
    public const string Usage = "pdf [--duration <seconds, default 10>] [--warmup <seconds, default 3>]";

    private const double TargetPerSecond = 100;

    public static int Run(IReadOnlyList<string> args)
    {
        int durationSeconds = 10, warmupSeconds = 3;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 600
                ? number
                : -1;
            switch (args[i])
            {
                case "--duration" when value > 0:
                    durationSeconds = value;
                    break;
                case "--warmup" when value >= 0:
                    warmupSeconds = value;
                    break;
                default:
                    Console.Error.WriteLine($"Bad option '{args[i]}'. Usage: {Usage}");
                    return 2;
            }
        }

        var invoice = BenchmarkInvoice.Create();
        var cold = Stopwatch.GetTimestamp();
        var renderer = new InvoicePdfRenderer();
        renderer.Render(invoice);
        Console.WriteLine(Invariant($"First PDF (font registration, font parsing, JIT): {Stopwatch.GetElapsedTime(cold).TotalMilliseconds:N0} ms"));
        Console.WriteLine(Invariant($"Warming up for {warmupSeconds} s…"));
        RenderFor(renderer, invoice, TimeSpan.FromSeconds(warmupSeconds));

        Console.WriteLine(Invariant($"Measuring for {durationSeconds} s on one thread…"));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var collectionsBefore = GC.CollectionCount(0);
        var run = RenderFor(renderer, invoice, TimeSpan.FromSeconds(durationSeconds));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocatedPerPdf = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)run.Count;

        var perSecond = run.Count / run.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"PDFs:               {run.Count:N0} in {run.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(Invariant($"PDFs per second:    {perSecond:N1}"));
        Console.WriteLine(Invariant($"Mean ms per PDF:    {run.Elapsed.TotalMilliseconds / run.Count:0.000}"));
        Console.WriteLine(Invariant($"Bytes per PDF:      {run.Bytes / run.Count:N0}"));
        Console.WriteLine(Invariant($"Allocated per PDF:  {allocatedPerPdf / 1024:N0} KiB ({GC.CollectionCount(0) - collectionsBefore:N0} gen-0 collections)"));
        Console.WriteLine(Invariant($"CPU ms per PDF:     {cpu.TotalMilliseconds / run.Count:0.000} (process CPU time: the rendering thread plus the GC)"));
        var cores = cpu.TotalSeconds / run.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"Process CPU:        {cores:0.00} cores"));
        if (cores < 0.9)
        {
            Console.WriteLine(Invariant($"Disturbed: the rendering thread got {cores:0.00} of a core; other processes competed for the CPU, so PDFs per second understate what one core does ({run.Count / cpu.TotalSeconds:N0} PDFs per CPU second)."));
        }

        var pass = perSecond >= TargetPerSecond;
        Console.WriteLine(Invariant($"Target >= {TargetPerSecond:0} PDFs per second on one thread: {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }

    private static (long Count, long Bytes, TimeSpan Elapsed) RenderFor(InvoicePdfRenderer renderer, InvoiceDocument invoice, TimeSpan duration)
    {
        long count = 0, bytes = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            bytes += renderer.Render(invoice).Length;
            count++;
        }

        return (count, bytes, Stopwatch.GetElapsedTime(started));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
