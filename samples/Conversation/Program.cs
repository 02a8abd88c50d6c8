using PatternEngine;
using PatternEngine.Bench.Conversations;
using PatternEngine.Conversations;
using PatternEngine.Definitions;
using PatternEngine.Models.Local;

// The model file: the first argument, else stories260K.gguf in your user models folder (~/.patterns/models).
var modelFile = args.Length > 0 ? args[0] : Path.Combine(UserFolder.Models, "stories260K.gguf");
using var engine = new PatternEngineBuilder().AddEmbeddedModel(modelFile).Build();
var pattern = engine.Compile(PatternFile.Load(Path.Combine(AppContext.BaseDirectory, "patterns", "zero-token-memory.yaml")));

// One SQLite file holds the conversations, their turns and their memories (FTS5); InMemory() keeps nothing.
using var store = SqliteConversationStore.Open(SqliteConversationStore.DefaultFileName);
var conversation = new ConversationRunner(pattern, store, store);
var id = (await conversation.StartAsync()).Id;
foreach (var user in new[] { "My dog is called Rex.", "I live in Lisbon.", "What is my dog called?" })
{
    var turn = await conversation.SendAsync(id, user);
    var recalled = turn.Stages.Single(s => s.Id == "recalled");
    Console.WriteLine($"turn {turn.Conversation!.Turn}: {turn.Totals.InputTokens} tokens in, recalled {recalled.Memory!.Rows} fact(s)");
}

Console.WriteLine($"stored {(await store.TurnsAsync(id)).Count} turns of {id}");
await store.ForgetAsync(id); // the conversation, its turns and its memories are gone
