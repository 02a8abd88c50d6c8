namespace PatternEngine.Cli.Commands;

/// <summary>A file the command was asked to write (a run log, a cassette) is missing lines; what was measured is shown all the same.</summary>
internal sealed class UnwrittenOutputException(string message) : Exception(message);
