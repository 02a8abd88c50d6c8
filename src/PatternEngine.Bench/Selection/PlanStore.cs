using System.Globalization;

namespace PatternEngine.Selection;

/// <summary>
/// Keeps each pattern's plans: the current one at <c>NAME.plan.yaml</c> (or where the caller says), and every version
/// ever made at <c>history/NAME/vN.plan.yaml</c>, so that they can be listed and rolled back. A rollback never deletes:
/// it stores the previous plan again as a new version.
/// </summary>
public sealed class PlanStore(string folder, TimeProvider time)
{
    /// <summary>The folder <c>patterns</c> keeps plans in, under the working directory.</summary>
    public const string DefaultFolder = "plans";

    /// <summary>The folder of the current plans.</summary>
    public string Folder { get; } = folder;

    /// <summary>Where the current plan of <paramref name="pattern"/> is kept unless the caller names another file.</summary>
    public string CurrentPath(string pattern) => Path.Combine(Folder, FileName(pattern) + ".plan.yaml");

    /// <summary>Stores <paramref name="plan"/> as its pattern's next version, dated now, and writes it as the current plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="currentPath">Where to write the current plan; <see cref="CurrentPath"/> when null.</param>
    /// <returns>The plan as stored, with its version and date.</returns>
    public RoutingPlan Save(RoutingPlan plan, string? currentPath = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stored = plan with { Version = Versions(plan.Pattern).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1, CreatedAt = time.GetUtcNow() };
        var text = RoutingPlanFile.Write(stored);
        var history = VersionPath(plan.Pattern, stored.Version);
        Directory.CreateDirectory(Path.GetDirectoryName(history)!);
        File.WriteAllText(history, text);
        var current = currentPath ?? CurrentPath(plan.Pattern);
        if (Path.GetDirectoryName(Path.GetFullPath(current)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(current, text);
        return stored;
    }

    /// <summary>Every stored version of the pattern's plan, oldest first.</summary>
    /// <exception cref="SelectionInputException">A stored version does not read.</exception>
    public IReadOnlyList<RoutingPlan> Versions(string pattern)
    {
        var folder = Path.Combine(Folder, "history", FileName(pattern));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "v*.plan.yaml")
            .Select(RoutingPlanFile.Load)
            .OrderBy(p => p.Version)];
    }

    /// <summary>
    /// Restores the plan before the current one (the one the current plan restored, if it was a rollback) as a new
    /// version, and makes it current.
    /// </summary>
    /// <exception cref="SelectionInputException">There is no plan, or no earlier one.</exception>
    public RoutingPlan Rollback(string pattern, string? currentPath = null)
    {
        var versions = Versions(pattern);
        if (versions.Count == 0)
        {
            throw new SelectionInputException($"no plans stored for '{pattern}' in {Path.Combine(Folder, "history")}; make one with 'patterns select'");
        }

        var current = versions[^1];
        var below = current.RestoredFrom ?? current.Version;
        var previous = versions.LastOrDefault(v => v.Version < below)
            ?? throw new SelectionInputException($"'{pattern}' has no plan before version {below.ToString(CultureInfo.InvariantCulture)} to roll back to");
        return Save(previous with { RestoredFrom = previous.Version }, currentPath);
    }

    private string VersionPath(string pattern, int version) =>
        Path.Combine(Folder, "history", FileName(pattern), string.Create(CultureInfo.InvariantCulture, $"v{version}.plan.yaml"));

    private static string FileName(string pattern) =>
        string.Concat(pattern.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
}
