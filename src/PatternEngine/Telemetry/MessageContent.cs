using System.Buffers;
using System.Text;
using System.Text.Json;
using PatternEngine.Execution;

namespace PatternEngine.Telemetry;

/// <summary>
/// A call's prompt and answer as the GenAI conventions write them on a span (<c>gen_ai.input.messages</c>,
/// <c>gen_ai.output.messages</c>): JSON arrays of messages, each with its role and text parts. Only written when the
/// compiler's options ask for message content.
/// </summary>
internal static class MessageContent
{
    public static string Input(CallRecord record) => Write(writer =>
    {
        foreach (var message in record.Messages)
        {
            WriteMessage(writer, message.Role, message.Text, finishReason: null);
        }
    });

    public static string Output(CallRecord record) =>
        Write(writer => WriteMessage(writer, "assistant", record.Response, record.FinishReason));

    private static string Write(Action<Utf8JsonWriter> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            messages(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMessage(Utf8JsonWriter writer, string role, string text, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteStartArray("parts");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("content", text);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (finishReason is not null)
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
    }
}
