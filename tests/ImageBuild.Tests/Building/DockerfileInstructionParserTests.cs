using ImageBuild.Building;
using ImageBuild.Errors;
using ImageBuild.Oci;
using ImageBuild.Oci.Changes;

namespace ImageBuild.Tests.Building;

public class DockerfileInstructionParserTests
{
    private static ContainerConfig Apply(params string[] instructions) =>
        DockerfileInstructionParser.ApplyAll(new ContainerConfig(), instructions);

    [Fact]
    public void Cmd_and_entrypoint_take_json_or_shell_form()
    {
        var config = Apply("ENTRYPOINT [\"dotnet\", \"app.dll\"]", "CMD --verbose");
        Assert.Equal(["dotnet", "app.dll"], config.Entrypoint);
        Assert.Equal(["/bin/sh", "-c", "--verbose"], config.Cmd);
    }

    [Fact]
    public void Entrypoint_resets_an_inherited_cmd()
    {
        var config = Apply("CMD [\"sh\"]", "ENTRYPOINT [\"/app\"]");
        Assert.Null(config.Cmd);
    }

    [Fact]
    public void Env_replaces_in_place_and_expands_earlier_values()
    {
        var config = Apply("ENV PATH=/usr/bin", "ENV A=1 B=\"two words\"", "ENV PATH=/app:$PATH", "ENV A=${A}0");
        Assert.Equal(["PATH=/app:/usr/bin", "A=10", "B=two words"], config.Env);
    }

    [Fact]
    public void Env_legacy_space_form_takes_the_rest_of_the_line()
    {
        var config = Apply("ENV GREETING hello world");
        Assert.Equal(["GREETING=hello world"], config.Env);
    }

    [Theory]
    [InlineData("EXPOSE 8080", "8080/tcp")]
    [InlineData("EXPOSE 53/UDP", "53/udp")]
    [InlineData("expose 443/tcp", "443/tcp")]
    public void Expose_normalizes_protocol(string instruction, string expected)
    {
        var config = Apply(instruction);
        Assert.Equal([expected], config.ExposedPorts!.Keys);
    }

    [Fact]
    public void Label_workdir_user_volume_stopsignal()
    {
        var config = Apply("LABEL a=1 \"b c\"=\"d e\"", "WORKDIR /app", "USER 1654", "VOLUME [\"/data\", \"/logs\"]", "STOPSIGNAL SIGTERM");
        Assert.Equal("1", config.Labels!["a"]);
        Assert.Equal("d e", config.Labels!["b c"]);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal("1654", config.User);
        Assert.Equal(["/data", "/logs"], config.Volumes!.Keys);
        Assert.Equal("SIGTERM", config.StopSignal);
    }

    [Theory]
    [InlineData("RUN echo hi", "RUN is not supported")]
    [InlineData("EXPOSE 70000", "is not a port")]
    [InlineData("EXPOSE 80/xyz", "protocol \"xyz\"")]
    [InlineData("CMD [\"a\",", "invalid JSON array")]
    [InlineData("ENV", "has no value")]
    [InlineData("LABEL novalue", "must be KEY=value")]
    [InlineData("ENV A=\"open", "unterminated")]
    [InlineData("", "empty change")]
    public void Bad_changes_are_rejected_with_the_reason(string instruction, string expected)
    {
        var ex = Assert.Throws<InvalidInputException>(() => DockerfileInstructionParser.Parse(instruction));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Changes_do_not_mutate_the_input()
    {
        var original = new ContainerConfig { Env = ["A=1"] };
        var changed = new SetEnv("A", "2").Apply(original);
        Assert.Equal(["A=1"], original.Env);
        Assert.Equal(["A=2"], changed.Env);
    }
}
