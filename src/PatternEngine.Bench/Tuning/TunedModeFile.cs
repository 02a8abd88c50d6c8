using PatternEngine.Definitions;

namespace PatternEngine.Bench.Tuning;

/// <summary>
/// Writes a tuned setting as a mode: a copy of the pattern file with the mode added under <c>modes:</c> (appended,
/// or added to the modes the file has), so that the user's own file is never rewritten. The copy is checked as a
/// pattern file before it is kept.
/// </summary>
public static class TunedModeFile
{
    /// <summary>Writes the copy of <paramref name="patternFile"/> with mode <paramref name="mode"/> setting the recommendation.</summary>
    /// <exception cref="PatternFileException">The pattern already has that mode, or the copy would not be a valid pattern file (nothing is written).</exception>
    public static void Write(string patternFile, string outputFile, string mode, TuneSweep sweep, double value, PatternLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(patternFile);
        ArgumentNullException.ThrowIfNull(outputFile);
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(sweep);
        var original = PatternFile.Load(patternFile, options);
        if (original.Modes.ContainsKey(mode))
        {
            throw new PatternFileException([new Diagnostic(original.Source.Of("modes"), $"pattern '{original.Name}' already has a mode '{mode}'; write the tuned setting under another name")]);
        }

        var lines = File.ReadAllLines(patternFile).ToList();
        var entry = new[] { $"  {mode}:", $"    {sweep.StageId}: {{ {sweep.Field}: {TuneSweep.Text(value)} }}" };
        var modes = lines.FindIndex(l => l.TrimEnd() == "modes:");
        if (modes >= 0)
        {
            lines.InsertRange(modes + 1, entry);
        }
        else
        {
            lines.AddRange(["# Written by patterns tune.", "modes:", .. entry]);
        }

        var text = string.Join("\n", lines) + "\n";

        // Included files are found relative to the original, so the copy is checked as if it stood there.
        _ = PatternFile.Parse(text, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(patternFile)) ?? ".", Path.GetFileName(outputFile)), options);
        File.WriteAllText(outputFile, text);
    }
}
