using PatternEngine;
using PatternEngine.Definitions;
using PatternEngine.Models.Local;
using UserMiddleware;

var modelFile = args.Length > 0 ? args[0] : Path.Combine(UserFolder.Models, "stories260K.gguf");
using var engine = new PatternEngineBuilder()
    .AddEmbeddedModel(modelFile)
    .Use(inner => new StageCache(inner)) // around every call: inside the measurement, just outside the router
    .Build();
var pattern = engine.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "self-consistency.yaml")));
var inputs = new Dictionary<string, string> { ["question"] = "Once upon a time" };

foreach (var run in new[] { "first", "second" })
{
    var record = await pattern.RunAsync(inputs);
    var samples = record.Stages.Single(s => s.Id == "samples");
    Console.WriteLine($"{run} run: {record.Totals.Calls} calls, {record.Totals.CachedCalls} cached, sources {string.Join(",", samples.CallRecords.Select(c => c.Source).Distinct())}");
}
