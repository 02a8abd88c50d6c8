namespace PatternEngine.Models.Recording;

/// <summary>
/// A file of recorded model calls, one JSON line per call (request, answer, usage, latency), that a pipeline can
/// answer from instead of the model (see <see cref="CassetteMode"/>). Safe to use from many calls at once. An added
/// entry is answered from at once and written by a writer of its own, without the call waiting for the disk: each as
/// one whole line, handed to the operating system as soon as the writer gets to it, so a run that is killed keeps
/// every line written before. A run (<c>CompiledPattern.RunAsync</c>) returns once the lines of its calls are
/// written; <see cref="FlushAsync"/> waits for those added so far, and disposing the cassette for all.
/// </summary>
/// <remarks>
/// The same request may be held more than once (a repeated request in a recorded run); its n-th occurrence in a run
/// gets the n-th recorded answer, and the last one once they run out.
/// </remarks>
public sealed class Cassette : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<string, List<CassetteEntry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private LineFileWriter? _writer;

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

    /// <summary>The first failure to write an entry (none is written after it); null while every entry was written.</summary>
    public Exception? WriteError => Volatile.Read(ref _writer)?.WriteError;

    /// <summary>Completes once every entry added so far is written (or could not be: see <see cref="WriteError"/>); never throws.</summary>
    public Task FlushAsync() => Volatile.Read(ref _writer)?.FlushAsync() ?? Task.CompletedTask;

    /// <summary>Writes the entries still waiting, then closes the file; entries added afterwards are answered from but not written.</summary>
    public void Dispose() => Volatile.Read(ref _writer)?.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => Volatile.Read(ref _writer)?.DisposeAsync() ?? ValueTask.CompletedTask;

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

    /// <summary>Adds a call: available to later requests at once, and queued to be written as one line.</summary>
    internal void Append(CassetteEntry entry)
    {
        var line = CassetteEntryJson.ToLine(entry);
        lock (_gate)
        {
            // Queued under the lock, so that lines are written in the order entries are added.
            (_writer ??= new LineFileWriter(Path)).Append(line);
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
