namespace ApexAgent.Benchmarks.Load;

/// <summary>
/// Finds the portal's build output that matches this program's own: if the benchmarks run from
/// <c>ApexAgent.Benchmarks/bin/Release/net10.0/</c>, the portal is <c>ApexAgent.Portal/bin/Release/net10.0/</c>
/// (the project reference with <c>ReferenceOutputAssembly="false"</c> builds it in the same configuration).
/// </summary>
public static class PortalLocator
{
    private const string SolutionFile = "ApexAgent.sln";
    private const string BenchmarksProject = "ApexAgent.Benchmarks";
    private const string PortalProject = "ApexAgent.Portal";

    public static string FindPortalDll()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var root = FindSolutionRoot(baseDirectory)
            ?? throw new InvalidOperationException($"No folder containing {SolutionFile} above {baseDirectory}.");

        var ownProject = Path.Combine(root, BenchmarksProject);
        var relative = Path.GetRelativePath(ownProject, baseDirectory);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            relative = Path.Combine("bin", BuildConfiguration, "net10.0");
        }

        var dll = Path.GetFullPath(Path.Combine(root, PortalProject, relative, PortalProject + ".dll"));
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The portal is not built at {dll}. Build {BenchmarksProject} (it builds the portal in the same configuration).", dll);
    }

    private static string? FindSolutionRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
