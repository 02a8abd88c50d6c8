namespace PatternEngine.Tests.Support;

/// <summary>
/// Tests that listen to the library's source and meter in a way other tests must not meet: an exporting command
/// (another test's run at the same time would be exported with its own) or listeners that throw. They run alone,
/// after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListenersGroup
{
    public const string Name = "process-wide telemetry listeners";
}
