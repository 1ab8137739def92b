using ImageBuild.Templates.Formatting;
using ImageBuild.Templates.Values;

namespace ImageBuild.Templates.Tests.Formatting;

/// <summary>fmt.Sprintf's verbs, flags, widths and precisions, and Go's texts for mistakes.</summary>
public sealed class PrintfTests
{
    [Theory]
    [InlineData("%s|%q|%x|%X|%v", "héllo", "héllo|\"héllo\"|68c3a96c6c6f|68C3A96C6C6F|héllo")]
    [InlineData("[%-10s]|[%10s]|[%.2s]|[%5.1s]", "abc", "[abc       ]|[       abc]|[ab]|[    a]")]
    [InlineData("%#q|%+q|% x|%#x", "a\tb", "`a\tb`|\"a\\tb\"|61 09 62|0x610962")]
    [InlineData("%d", "x", "%!d(string=x)")]
    [InlineData("%05s", "ab", "000ab")]
    public void Strings(string format, string argument, string expected)
    {
        Assert.Equal(expected, EachVerb(format, GoValue.Of(argument)));
    }

    [Theory]
    [InlineData("%d|%5d|%-5d|%05d|%+d|% d", 42L, "42|   42|42   |00042|+42| 42")]
    [InlineData("%x|%X|%#x|%o|%#o|%O|%b", 255L, "ff|FF|0xff|377|0377|0o377|11111111")]
    [InlineData("%c|%q|%U|%#U", 0x1F600L, "😀|'😀'|U+1F600|U+1F600 '😀'")]
    [InlineData("%.3d|%8.3d|%.0d", 7L, "007|     007|7")]
    [InlineData("%d|%05d", -42L, "-42|-0042")]
    [InlineData("%s", 5L, "%!s(int=5)")]
    [InlineData("%t", 1L, "%!t(int=1)")]
    public void Integers(string format, long argument, string expected)
    {
        Assert.Equal(expected, EachVerb(format, GoValue.Of(argument)));
    }

    [Theory]
    [InlineData("%v|%g|%f|%.2f|%5.2f|%e|%E", 3.14159, "3.14159|3.14159|3.141590|3.14| 3.14|3.141590e+00|3.141590E+00")]
    [InlineData("%v|%.3g|%G", 1e21, "1e+21|1e+21|1E+21")]
    [InlineData("%08.3f|%-8.3f|%+.1f|% .1f", -1.5, "-001.500|-1.500  |-1.5|-1.5")]
    [InlineData("%#g|%#.3g|%#v", 2.0, "2.00000|2.00|2")]
    [InlineData("%d", 1.5, "%!d(float64=1.5)")]
    public void Floats(string format, double argument, string expected)
    {
        Assert.Equal(expected, EachVerb(format, GoValue.Of(argument)));
    }

    [Theory]
    [InlineData("%d %s", "%!d(MISSING) %!s(MISSING)")]
    [InlineData("%!", "%!!(MISSING)")]
    [InlineData("%", "%!(NOVERB)")]
    [InlineData("%%|%5%", "%|%")]
    [InlineData("%[2]d", "%!d(BADINDEX)")]
    [InlineData("%z", "%!z(MISSING)")]
    public void MistakesWithoutArguments(string format, string expected)
    {
        Assert.Equal(expected, GoPrinter.Sprintf(format, []));
    }

    [Fact]
    public void ExtraArgumentsAreListedWithTheirTypes()
    {
        Assert.Equal("a%!(EXTRA string=b, int=3, <nil>)", GoPrinter.Sprintf("%s", [GoValue.Of("a"), GoValue.Of("b"), GoValue.Of(3L), null]));
    }

    [Fact]
    public void WidthAndPrecisionCanComeFromArguments()
    {
        Assert.Equal("[   ab][ab   ][3.14]", GoPrinter.Sprintf("[%*s][%-*s][%.*f]", [GoValue.Of(5L), GoValue.Of("ab"), GoValue.Of(5L), GoValue.Of("ab"), GoValue.Of(2L), GoValue.Of(3.14159)]));
        Assert.Equal("%!(BADWIDTH)x", GoPrinter.Sprintf("%*s", [GoValue.Of("a"), GoValue.Of("x")]));
        Assert.Equal("[   ab]", GoPrinter.Sprintf("[%[2]*[1]s]", [GoValue.Of("ab"), GoValue.Of(5L)]));
    }

    [Fact]
    public void ExplicitIndexesReorderWithoutExtraComplaints()
    {
        Assert.Equal("b a b", GoPrinter.Sprintf("%[2]s %[1]s %s", [GoValue.Of("a"), GoValue.Of("b")]));
    }

    [Fact]
    public void TypesPrintAsGoNamesThem()
    {
        var env = GoValue.Of(["A=1"]);
        var labels = GoMap.OfStrings(GoType.MapOf(GoType.String, GoType.String), [new("a", GoValue.Of("1"))]);
        Assert.Equal("[]string map[string]string int float64 string bool <nil>",
            GoPrinter.Sprintf("%T %T %T %T %T %T %T", [env, labels, GoValue.Of(1L), GoValue.Of(1.0), GoValue.Of("x"), GoValue.Of(true), null]));
    }

    [Fact]
    public void SprintSpacesOnlyBetweenOperandsThatAreNotStrings()
    {
        Assert.Equal("a1 2b<nil> 3", GoPrinter.Sprint([GoValue.Of("a"), GoValue.Of(1L), GoValue.Of(2L), GoValue.Of("b"), null, GoValue.Of(3L)]));
        Assert.Equal("a 1 b\n", GoPrinter.Sprintln([GoValue.Of("a"), GoValue.Of(1L), GoValue.Of("b")]));
    }

    /// <summary>Formats each '|'-separated part with the argument, so one case can try several verbs on one value.</summary>
    private static string EachVerb(string formats, GoValue argument) =>
        string.Join('|', formats.Split('|').Select(format => GoPrinter.Sprintf(format, [argument])));
}
