using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using PatternEngine.Execution;
using PatternEngine.Library;
using PatternEngine.Models.Recording;
using PatternEngine.Tests.Support;
using PatternEngine.Models.Calls;

namespace PatternEngine.Tests.Models.Recording;

[Collection(LocalModelCollection.Name)]
public sealed class CassetteOnLocalModelTests(LocalModelFixture fixture) : IDisposable
{
    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    private readonly string _file = Path.Combine(Path.GetTempPath(), "cassette-local-" + Guid.NewGuid().ToString("N") + ".jsonl");

    public void Dispose() => File.Delete(_file);

    private static async Task<RunRecord> RunAsync(IChatClient model, Cassette cassette, CassetteMode mode, bool streaming)
    {
        using var engine = Engines.For(model, b => b.AddPlugins(BuiltIns.Tools()).UseCassette(cassette, mode).UseStreaming(streaming));
        var compiled = engine.Compile(BuiltIns.Load(BuiltIns.Resolve("self-consistency")));
        return await compiled.RunAsync(new Dictionary<string, string> { ["question"] = "Once upon a time" });
    }

    // Wall times are measured afresh on every run; whether a call was served is what differs by design.
    private static JsonObject WithoutVolatileFields(RunRecord record)
    {
        var json = RunRecordJson.ToJson(record);
        json["totals"]!.AsObject().Remove("wall_ms");
        json["totals"]!.AsObject().Remove("cached_calls");
        foreach (var stage in json["stages"]!.AsArray().Select(s => s!.AsObject()))
        {
            stage.Remove("latency_ms");
            stage.Remove("cached_calls");
            var calls = stage["call_records"]!.AsArray().Select(c => c!.AsObject()).ToList();
            calls.ForEach(c =>
            {
                c.Remove("source");
                c.Remove("cached");
            });

            // Calls are listed in the order they finished, which concurrent calls do not fix.
            stage["call_records"] = new JsonArray([.. calls.Select(c => c.DeepClone()).OrderBy(c => c.ToJsonString(), StringComparer.Ordinal)]);
        }

        return json;
    }

    [Fact]
    public async Task A_recorded_run_replays_to_the_same_record_apart_from_wall_times_without_a_model_call()
    {
        RunRecord recorded;
        using (var recording = Cassette.OpenOrCreate(_file))
        {
            recorded = await RunAsync(fixture.Model.AsChatClient(), recording, CassetteMode.Record, streaming: true);
        }

        using var cassette = Cassette.Load(_file);
        var modelCalls = 0;
        var counted = new AnnotatingChatClient(fixture.Model.AsChatClient(), _ => Interlocked.Increment(ref modelCalls));
        var replayed = await RunAsync(counted, cassette, CassetteMode.Replay, streaming: false);

        Assert.Equal(0, modelCalls);
        Assert.Equal(recorded.Totals.Calls, cassette.Count);
        Assert.All(recorded.Stages.SelectMany(s => s.CallRecords), c => Assert.Equal(CallSource.Live, c.Source));
        Assert.All(replayed.Stages.SelectMany(s => s.CallRecords), c => Assert.Equal(CallSource.Replay, c.Source));
        Assert.All(replayed.Stages.SelectMany(s => s.CallRecords), c => Assert.NotNull(c.TimeToFirstTokenMs));
        Assert.Equal(replayed.Totals.Calls, replayed.Totals.CachedCalls);
        Assert.Equal(WithoutVolatileFields(recorded).ToJsonString(), WithoutVolatileFields(replayed).ToJsonString());
    }
}
