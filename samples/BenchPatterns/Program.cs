using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.History;
using PatternEngine.Bench.Reports;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Models.Local;
using PatternEngine.Models.Routing;

using var model = GgufModel.Load(DefaultModelFile.Resolve());
var compiler = new PatternCompiler(ModelRouter.For(model.AsChatClient()));
BenchEntry Entry(string name)
{
    var path = Path.Combine(AppContext.BaseDirectory, "patterns", name + ".yaml");
    return new BenchEntry(compiler.Compile(PatternFile.Load(path)), BenchEntry.HashFile(path));
}

var golden = GoldenFile.Load(Path.Combine(AppContext.BaseDirectory, "golden.jsonl"));  // GoldenReadOptions { MalformedLines = ... }
var report = await BenchRunner.RunAsync(Entry("baseline"), [Entry("chain-of-thought")], golden, new BenchOptions { Repeats = 2, Resamples = 200 });
File.WriteAllText("bench.html", BenchReportHtml.ToHtml(report));  // BenchReportJson, BenchReportMarkdown
using var history = BenchHistory.Open("patterns-history.db");
Console.WriteLine($"stored as bench {history.Save(report)}");
Console.WriteLine(BenchReportMarkdown.ToMarkdown(report));
