using PatternEngine;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;
using PatternEngine.Bench.Reports;
using PatternEngine.Definitions;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;

var modelFile = args.Length > 0 ? args[0] : Path.Combine(UserFolder.Models, "stories260K.gguf");
using var engine = new PatternEngineBuilder().AddEmbeddedModel(modelFile).WithCatalog(ModelCatalog.BuiltIn).Build();
BenchEntry Entry(string name)
{
    var path = Path.Combine(AppContext.BaseDirectory, "patterns", name + ".yaml");
    return new BenchEntry(engine.Compile(PatternFile.Load(path)), BenchEntry.HashFile(path));
}

var golden = GoldenFile.Load(Path.Combine(AppContext.BaseDirectory, "golden.jsonl"));  // GoldenReadOptions { MalformedLines = ... }
var report = await BenchRunner.RunAsync(Entry("baseline"), [Entry("chain-of-thought")], golden, new BenchOptions { Repeats = 2, Resamples = 200 });
File.WriteAllText("bench.html", BenchReportHtml.ToHtml(report));  // BenchReportJson, BenchReportMarkdown
using var history = BenchHistory.Open("patterns-history.db");
Console.WriteLine($"stored as bench {history.Save(report)}");
Console.WriteLine(BenchReportMarkdown.ToMarkdown(report));
