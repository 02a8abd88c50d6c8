using PatternEngine.Cli.Defaults;

namespace PatternEngine.Tests.Cli.Defaults;

// The internal overload takes the environment and directories as arguments, so these tests
// never change process-wide state that tests running in parallel could see.
public sealed class DefaultModelFileTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("patterns-model-file-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void Resolve_prefers_an_explicit_path_over_the_environment_variable()
    {
        var resolved = DefaultModelFile.Resolve("/models/explicit.gguf", "/models/env.gguf", scratch, scratch, UserModels);

        Assert.Equal(Path.GetFullPath("/models/explicit.gguf"), resolved);
    }

    [Fact]
    public void Resolve_uses_the_environment_variable_when_no_explicit_path_is_given()
    {
        var resolved = DefaultModelFile.Resolve(null, "/models/env.gguf", scratch, scratch, UserModels);

        Assert.Equal(Path.GetFullPath("/models/env.gguf"), resolved);
    }

    [Fact]
    public void Resolve_makes_a_relative_path_absolute_from_the_current_directory()
    {
        var resolved = DefaultModelFile.Resolve("my.gguf", null, scratch, scratch, UserModels);

        Assert.Equal(Path.Combine(scratch, "my.gguf"), resolved);
    }

    [Fact]
    public void Resolve_defaults_to_the_shared_model_beside_the_repository_found_upward_from_the_current_directory()
    {
        var deep = MakeRepository("repo", "src", "deep");
        var shared = MakeSharedModel();

        Assert.Equal(shared, DefaultModelFile.Resolve(null, null, deep, scratch, UserModels));
    }

    [Fact]
    public void Resolve_searches_from_the_base_directory_when_the_current_directory_is_outside_the_repository()
    {
        var bin = MakeRepository("repo", "bin", "Debug");
        var outside = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;
        var shared = MakeSharedModel();

        Assert.Equal(shared, DefaultModelFile.Resolve(null, null, outside, bin, UserModels));
    }

    [Fact]
    public void An_installed_tool_outside_any_repository_finds_the_model_in_the_user_s_models_folder_first()
    {
        var repository = MakeRepository("repo", "src");
        MakeSharedModel();
        var user = Path.Combine(Directory.CreateDirectory(UserModels).FullName, DefaultModelFile.FileName);
        File.WriteAllText(user, "");

        Assert.Equal(user, DefaultModelFile.Resolve(null, null, repository, repository, UserModels));
        Assert.Equal(user, DefaultModelFile.Resolve(null, null, Path.GetTempPath(), "/opt/tool", UserModels));
    }

    [Fact]
    public void When_no_place_holds_the_model_the_error_names_every_place_looked()
    {
        var repository = MakeRepository("repo", "src");
        var outside = Directory.CreateDirectory(Path.Combine(scratch, "a", "b")).FullName;

        var inRepository = Assert.Throws<PatternEngine.Models.ModelFileException>(() => DefaultModelFile.Resolve(null, null, repository, repository, UserModels));
        var nowhere = Assert.Throws<PatternEngine.Models.ModelFileException>(() => DefaultModelFile.Resolve(null, null, outside, outside, UserModels));

        Assert.Equal(
            $"no model file found; looked at --model-file (not given), $PATTERNS_MODEL_FILE (not set), {Path.Combine(UserModels, "stories260K.gguf")} (no such file), "
            + $"{SharedModel()} (no such file). Put stories260K.gguf in {UserModels}, or point --model-file or $PATTERNS_MODEL_FILE at a GGUF file",
            inRepository.Message);
        Assert.Contains("../shared/models beside the repository (neither the current folder nor the program is in one)", nowhere.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_with_an_explicit_path_ignores_the_environment()
    {
        Assert.Equal(Path.GetFullPath("/models/explicit.gguf"), DefaultModelFile.Resolve("/models/explicit.gguf"));
    }

    [Fact]
    public void Resolve_finds_an_existing_model_file_from_the_test_run()
    {
        Assert.True(File.Exists(DefaultModelFile.Resolve()), DefaultModelFile.Resolve());
    }

    private string MakeRepository(params string[] path)
    {
        var root = Directory.CreateDirectory(Path.Combine(scratch, path[0])).FullName;
        File.WriteAllText(Path.Combine(root, "PatternEngine.sln"), string.Empty);
        return Directory.CreateDirectory(Path.Combine([root, .. path[1..]])).FullName;
    }

    private string UserModels => Path.Combine(scratch, "home", ".patterns", "models");

    private string SharedModel() => Path.Combine(scratch, "shared", "models", "stories260K.gguf");

    private string MakeSharedModel()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SharedModel())!);
        File.WriteAllText(SharedModel(), "");
        return SharedModel();
    }
}
