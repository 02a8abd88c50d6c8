namespace PatternEngine.Models.Recording;

/// <summary>
/// A file of recorded model calls, one JSON line per call (request, answer, usage, latency), that a pipeline can
/// answer from instead of the model (see <see cref="CassetteMode"/>). Safe to use from many calls at once: every
/// added entry is written as one whole line and flushed, so a run that is killed keeps every line it finished.
/// </summary>
/// <remarks>
/// The same request may be held more than once (a repeated request in a recorded run); its n-th occurrence in a run
/// gets the n-th recorded answer, and the last one once they run out.
/// </remarks>
public sealed class Cassette : IDisposable
{
    private readonly Dictionary<string, List<CassetteEntry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private StreamWriter? _writer;

    private Cassette(string path)
    {
        Path = path;
    }

    /// <summary>The cassette's file.</summary>
    public string Path { get; }

    /// <summary>How many calls it holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Values.Sum(e => e.Count);
            }
        }
    }

    /// <summary>Reads a cassette that must exist (to replay it).</summary>
    /// <exception cref="CassetteFileException">The file does not exist, or a line is not a cassette entry.</exception>
    public static Cassette Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? OpenOrCreate(path) : throw new CassetteFileException($"{path}: no such cassette file");
    }

    /// <summary>Reads a cassette, or starts an empty one whose file is created with its first entry.</summary>
    /// <exception cref="CassetteFileException">A line of the file is not a cassette entry.</exception>
    public static Cassette OpenOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cassette = new Cassette(path);
        if (File.Exists(path))
        {
            if (InputFileSize.Problem(path, InputLimits.MaxCassetteFileBytes, "cassette") is { } tooLarge)
            {
                throw new CassetteFileException($"{path}:1:1: {tooLarge}");
            }

            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    cassette.Index(CassetteEntryJson.Parse(line, path, number));
                }
            }
        }

        return cassette;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    /// <summary>The recorded answer to serve for the next occurrence of a request, or null when none is held.</summary>
    internal CassetteEntry? Next(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entries))
            {
                return null;
            }

            var occurrence = _served.GetValueOrDefault(key);
            _served[key] = occurrence + 1;
            return entries[Math.Min(occurrence, entries.Count - 1)];
        }
    }

    /// <summary>Adds a call: written and flushed as one line, then available to later requests.</summary>
    internal void Append(CassetteEntry entry)
    {
        var line = CassetteEntryJson.ToLine(entry);
        lock (_gate)
        {
            _writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read));
            _writer.WriteLine(line);
            _writer.Flush();
            Index(entry);
        }
    }

    private void Index(CassetteEntry entry)
    {
        if (!_entries.TryGetValue(entry.Key, out var entries))
        {
            _entries[entry.Key] = entries = [];
        }

        entries.Add(entry);
    }
}
