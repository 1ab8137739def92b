using CsCheck;
using ImageBuild.Errors;
using ImageBuild.References;

namespace ImageBuild.Tests.References;

public class GlobPatternTests
{
    // Cases in the spirit of Go's path/match_test.go, whose semantics docker's reference filter inherits.
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^b-d]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a\u263Ab", true)]
    [InlineData("a[^a]b", "a\u263Ab", true)]
    [InlineData("a???b", "a\u263Ab", false)]
    [InlineData("a?b", "a\U0001F600b", true)]
    [InlineData("[a-\u03B6]*", "\u03B1", true)]
    [InlineData("*[a-\u03B6]", "A", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("a[/]b", "a/b", true)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "x", true)]
    [InlineData("[x\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("[\\-x]", "-", true)]
    [InlineData("[\\-x]", "a", false)]
    [InlineData("[*]", "*", true)]
    [InlineData("a]", "a]", true)]
    [InlineData("*x", "xxx", true)]
    [InlineData("**x", "axx", true)]
    [InlineData("[!a]", "!", true)]
    [InlineData("[!a]", "b", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("*", "", true)]
    public void Matches_like_go_path_match(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GlobPattern.Parse(pattern).IsMatch(name));
    }

    [Theory]
    [InlineData("[", "'[' at position 1 is never closed")]
    [InlineData("a[", "'[' at position 2 is never closed")]
    [InlineData("[^", "is never closed")]
    [InlineData("[^bc", "is never closed")]
    [InlineData("[a-", "is never closed")]
    [InlineData("[\\", "is never closed")]
    [InlineData("[]a]", "character class at position 1 is empty")]
    [InlineData("[x-]", "range without an end")]
    [InlineData("[-]", "'-' at position 2 in the character class at position 1 has no start")]
    [InlineData("[a-b-c]", "'-' at position 5")]
    [InlineData("a\\", "'\\' at position 2 ends the pattern")]
    [InlineData("*:latest[", "'[' at position 9 is never closed")]
    public void Rejects_malformed_patterns_with_a_clear_message(string pattern, string expected)
    {
        var exception = Assert.Throws<InvalidInputException>(() => GlobPattern.Parse(pattern));

        Assert.StartsWith($"invalid pattern \"{pattern}\": ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_without_wildcards_matches_only_itself()
    {
        var literal = Gen.String[Gen.Char["ab/:.-_"], 0, 8];

        Gen.Select(literal, literal).Sample((pattern, name) =>
            GlobPattern.Parse(pattern).IsMatch(name) == (pattern == name));
    }

    [Fact]
    public void Star_matches_exactly_the_names_without_a_slash()
    {
        var name = Gen.String[Gen.Char["ab/:"], 0, 8];

        name.Sample(text => GlobPattern.Parse("*").IsMatch(text) == !text.Contains('/'));
    }

    [Fact]
    public void Escaping_every_character_matches_the_text_literally()
    {
        var text = Gen.String[Gen.Char["ab*?[]\\-^/"], 0, 8];

        text.Sample(value =>
        {
            var escaped = string.Concat(value.Select(c => "\\" + c));
            return GlobPattern.Parse(escaped).IsMatch(value) &&
                !GlobPattern.Parse(escaped).IsMatch(value + "x");
        });
    }
}
