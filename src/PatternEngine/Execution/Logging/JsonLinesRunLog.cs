using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Execution.Logging;

/// <summary>
/// A structured log: one JSON line per call and one per run, appended to a file and flushed line by line, so a
/// run that is killed keeps every line it wrote and every line parses.
/// </summary>
public sealed class JsonLinesRunLog : IRunLog, IDisposable
{
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>Opens (appending) the log file.</summary>
    public JsonLinesRunLog(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

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
    public void RunFinished(RunHeader run, RunRecord record, string? failure)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(record);
        var json = RunRecordJson.ToJson(record);
        var line = Header("run", run);
        line["status"] = failure is null ? "finished" : "failed";
        line["failure"] = failure;
        line["seed"] = record.Seed;
        line["output"] = json["output"]?.DeepClone();
        line["stages"] = new JsonArray([.. json["stages"]!.AsArray().Select(s => (JsonNode?)Summary(s!.AsObject()))]);
        line["totals"] = json["totals"]?.DeepClone();
        Write(line);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

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

    private void Write(JsonObject line)
    {
        var text = line.ToJsonString(OneLine);
        lock (_gate)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }
    }
}
