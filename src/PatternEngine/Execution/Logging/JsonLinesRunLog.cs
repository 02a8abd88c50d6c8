using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Execution.Logging;

/// <summary>
/// A structured log: one JSON line per call and one per run, appended to a file. A line is made on the caller's
/// thread and written by a writer of its own (the call never waits for the disk), whole, and handed to the operating
/// system as soon as the writer gets to it, line by line: a run that is killed keeps every line written before, and
/// every line parses. A run returns once all its lines are written; disposing the log waits for every line.
/// </summary>
public sealed class JsonLinesRunLog : IRunLog, IDisposable, IAsyncDisposable
{
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LineFileWriter _writer;

    /// <summary>Opens (appending) the log file, creating it when it does not exist.</summary>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public JsonLinesRunLog(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _writer = new LineFileWriter(path, openNow: true);
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The first failure to write a line (none is written after it); null while every line was written.</summary>
    public Exception? WriteError => _writer.WriteError;

    /// <inheritdoc />
    public void CallFinished(RunHeader run, CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(record);
        var line = Header("call", run);
        line["stage"] = record.Stage;
        foreach (var (name, value) in RunRecordJson.CallToJson(record))
        {
            line[name] = value?.DeepClone();
        }

        Write(line);
    }

    /// <inheritdoc />
    public ValueTask RunFinishedAsync(RunHeader run, RunRecord record, string? failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(record);
        var json = RunRecordJson.ToJson(record);
        var line = Header("run", run);
        line["status"] = RunRecordJson.StatusName(record, failure);
        line["stopped_at"] = record.StoppedAt;
        line["needs_review"] = record.NeedsReview;
        line["review_reasons"] = new JsonArray([.. record.ReviewReasons.Select(r => (JsonNode?)r)]);
        line["failure"] = failure;
        line["seed"] = record.Seed;
        if (record.Mode is { } mode)
        {
            line["mode"] = mode;
        }

        line["output"] = json["output"]?.DeepClone();
        line["stages"] = new JsonArray([.. json["stages"]!.AsArray().Select(s => (JsonNode?)Summary(s!.AsObject()))]);
        line["totals"] = json["totals"]?.DeepClone();
        if (run.Labels is { Count: > 0 } labels)
        {
            line["labels"] = new JsonObject([.. labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        }

        Write(line);
        return new ValueTask(_writer.FlushAsync().WaitAsync(cancellationToken));
    }

    /// <summary>Writes the lines still waiting, then closes the file.</summary>
    public void Dispose() => _writer.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static JsonObject Header(string type, RunHeader run) => new()
    {
        ["type"] = type,
        ["run_id"] = run.RunId,
        ["pattern"] = run.Pattern,
        ["version"] = run.Version,
        ["started_at"] = run.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    // The calls are already in the log, one line each; the run line keeps the per-stage figures, nested stages' too.
    private static JsonObject Summary(JsonObject stage)
    {
        var summary = stage.DeepClone().AsObject();
        summary.Remove("call_records");
        if (summary["stages"] is JsonArray nested)
        {
            summary["stages"] = new JsonArray([.. nested.Select(s => (JsonNode?)Summary(s!.AsObject()))]);
        }

        return summary;
    }

    private void Write(JsonObject line) => _writer.Append(line.ToJsonString(OneLine));
}
