using System.Runtime.CompilerServices;

namespace PatternEngine.Tests.Support;

/// <summary>
/// Points <c>PATTERNS_HOME</c> at an empty folder before any test runs, so that a catalog or model in the real user's
/// folder never changes what a test sees.
/// </summary>
internal static class IsolatedUserFolder
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The test assembly must isolate itself before any test reads the environment.")]
    internal static void Isolate() =>
        Environment.SetEnvironmentVariable(UserFolder.EnvironmentVariable, Path.Combine(Path.GetTempPath(), "patterns-tests-home-" + Environment.ProcessId));
}
