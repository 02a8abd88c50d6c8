using Snapshooter;
using Snapshooter.Xunit;

namespace PatternEngine.Testing;

/// <summary>Where a snapshot lives, and whether one must be there already.</summary>
internal static class SnapshotNames
{
    private const string Extension = ".snap";

    /// <summary>The snapshot's file and folder; what the options leave out comes from the calling test on the stack.</summary>
    public static SnapshotFullName Resolve(PatternSnapshotOptions options)
    {
        var suffix = string.IsNullOrEmpty(options.NameExtension) ? "" : "_" + options.NameExtension;
        SnapshotFullName? caller = null;
        SnapshotFullName Caller() => caller ??= Snapshot.FullName();

        var file = options.SnapshotName is { } name
            ? name + suffix + Extension
            : StripExtension(Caller().Filename) + suffix + Extension;
        return new SnapshotFullName(file, options.SnapshotFolder ?? Caller().FolderPath);
    }

    /// <summary>On CI (or when asked) a missing snapshot fails rather than being written, so every run is compared with a committed one.</summary>
    public static void EnsureExistsWhenRequired(SnapshotFullName name, PatternSnapshotOptions options)
    {
        var required = options.FailWhenMissing ?? string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var path = Path.Combine(name.FolderPath, "__snapshots__", name.Filename);
        Xunit.Assert.True(!required || File.Exists(path), $"no committed snapshot {path}; run the test locally and commit the snapshot it writes");
    }

    private static string StripExtension(string file) =>
        file.EndsWith(Extension, StringComparison.Ordinal) ? file[..^Extension.Length] : file;
}
