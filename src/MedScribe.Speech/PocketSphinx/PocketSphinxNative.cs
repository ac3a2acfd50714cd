using System.Runtime.InteropServices;

namespace MedScribe.Speech.PocketSphinx;

/// <summary>
/// The C API of Debian bookworm's PocketSphinx 0.8+5prealpha (<c>libpocketsphinx.so.3</c>) and SphinxBase
/// (<c>libsphinxbase.so.3</c>). Configuration goes through <c>cmd_ln_parse_r</c> with an argv array, as
/// that version has no <c>ps_config_init</c>. Kept thin: a later Debian release brings another API.
/// </summary>
internal static unsafe class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_args();

    [DllImport(SphinxBase)]
    public static extern IntPtr cmd_ln_parse_r(IntPtr inout, IntPtr definitions, int argc,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string[] argv, int strict);

    [DllImport(SphinxBase)]
    public static extern int cmd_ln_free_r(IntPtr config);

    [DllImport(SphinxBase)]
    public static extern int err_set_logfile([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_init(IntPtr config);

    [DllImport(PocketSphinx)]
    public static extern int ps_free(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_get_logmath(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern int ps_add_word(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string word,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string phones, int update);

    [DllImport(PocketSphinx)]
    public static extern int ps_set_lm(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, IntPtr languageModel);

    [DllImport(PocketSphinx)]
    public static extern int ps_set_search(IntPtr decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(PocketSphinx)]
    public static extern int ps_start_stream(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern int ps_start_utt(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern int ps_process_raw(IntPtr decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [DllImport(PocketSphinx)]
    public static extern int ps_end_utt(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_get_hyp(IntPtr decoder, out int bestScore);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_seg_iter(IntPtr decoder);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_seg_next(IntPtr segment);

    [DllImport(PocketSphinx)]
    public static extern IntPtr ps_seg_word(IntPtr segment);

    [DllImport(PocketSphinx)]
    public static extern void ps_seg_frames(IntPtr segment, out int startFrame, out int endFrame);

    [DllImport(PocketSphinx)]
    public static extern int ps_seg_prob(IntPtr segment, out int acoustic, out int language, out int backoff);

    [DllImport(SphinxBase)]
    public static extern IntPtr ngram_model_read(IntPtr config, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int fileType, IntPtr logmath);

    [DllImport(SphinxBase)]
    public static extern IntPtr ngram_model_set_init(IntPtr config, IntPtr[] models,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string[] names, float[] weights, int count);

    [DllImport(SphinxBase)]
    public static extern int ngram_model_free(IntPtr model);

    [DllImport(SphinxBase)]
    public static extern double logmath_exp(IntPtr logmath, int logb);

    [DllImport(SphinxBase)]
    public static extern IntPtr logmath_init(double logBase, int shift, int useTable);

    [DllImport(SphinxBase)]
    public static extern int logmath_free(IntPtr logmath);

    [DllImport(SphinxBase)]
    public static extern int ngram_wid(IntPtr model, [MarshalAs(UnmanagedType.LPUTF8Str)] string word);

    [DllImport(SphinxBase)]
    public static extern int ngram_unknown_wid(IntPtr model);

    [DllImport(SphinxBase)]
    public static extern int ngram_ng_score(IntPtr model, int wid, int* history, int historyLength, out int used);
}
