using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Templates;
using MedScribe.Testing;

namespace MedScribe.Clinical.Tests;

/// <summary>
/// A recogniser cuts turns anywhere, so a sentence may end on any word: a drug name, "for", a number. Every line of every
/// shared consult, cut after each of its words, is read and rendered (with sound matching, as the service does) without an
/// exception. ("Lantus, insulin glargine." once threw: a rule looked one word past the sentence's end.)
/// </summary>
public sealed class CutSentenceTests
{
    private static readonly Lazy<ClinicalExtractor> Extractor = new(() =>
        new ClinicalExtractor(ClinicalLexicon.Default, SoundAlikeTerms.Load(ClinicalLexicon.Default, "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict")));

    public static TheoryData<string> Consults() => new(ConsultAudio.Scripts().Select(Path.GetFileNameWithoutExtension).OfType<string>());

    [Theory]
    [MemberData(nameof(Consults))]
    public void Every_line_cut_after_any_word_is_read_without_failing(string consult)
    {
        var lines = File.ReadAllLines(Path.Combine(ConsultAudio.ConsultsDirectory, consult + ".txt")).Where(l => l.Contains(':')).ToList();
        foreach (var line in lines)
        {
            var speaker = line[..(line.IndexOf(':') + 1)];
            var words = line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var cut = 1; cut <= words.Length; cut++)
            {
                var said = string.Join(' ', words.Take(cut));
                var facts = Extractor.Value.Extract(Consult.Of(speaker + " " + said));
                // Unpunctuated, lower case, as a recogniser gives it.
                var heard = Extractor.Value.Extract(Consult.Of(speaker + " " + new string(said.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '\'').ToArray()).ToLowerInvariant()));
                Assert.NotNull(TemplateRenderer.Render("soap", facts));
                Assert.NotNull(TemplateRenderer.Render("soap", heard));
            }
        }
    }
}
