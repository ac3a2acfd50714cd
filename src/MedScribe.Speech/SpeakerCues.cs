using System.Text.RegularExpressions;

namespace MedScribe.Speech;

/// <summary>
/// Who-is-speaking cues of one language beyond English: how a clinician's questions start, a clinician's
/// phrases (plans, prescriptions, examinations), the polite second person, the first person, and a
/// patient's answers. Words are matched whole in any script (Devanagari vowel signs are letters too).
/// </summary>
public sealed record SpeakerCues(Regex Question, Regex Clinician, Regex SecondPerson, Regex FirstPerson, Regex Patient)
{
    private static readonly Dictionary<string, SpeakerCues> ByLanguage = new()
    {
        ["es"] = Of(
            "qué|cómo|cuándo|dónde|cuál|cuánto|desde cuándo|tiene usted|ha tenido|le duele|siente",
            "le voy a|vamos a|voy a recetar|recet\\w*|miligramos|tome|examen|exploración|análisis|control|diagnóstico|derivar\\w*",
            "usted|su|sus|le",
            "yo|me|mi|mis|tengo|estoy|siento",
            "sí|no|gracias|doctor|doctora|me duele"),
        ["fr"] = Of(
            "est-ce que|qu'est-ce|comment|quand|où|depuis quand|avez-vous|vous avez|prenez-vous",
            "je vais vous|nous allons|je vous prescris|prescri\\w*|milligrammes|examen|ordonnance|suivi|diagnostic",
            "vous|votre|vos",
            "je|j'ai|moi|mon|ma|mes",
            "oui|non|merci|docteur|j'ai mal"),
        ["de"] = Of(
            "wie|was|wann|wo|seit wann|haben sie|nehmen sie|hatten sie",
            "ich verschreibe|wir machen|milligramm|untersuch\\w*|rezept|kontrolle|diagnose|überweis\\w*",
            "ihnen|ihr|ihre",
            "ich|mein|meine|mir|mich",
            "ja|nein|danke|herr doktor|frau doktor|tut weh"),
        ["pt"] = Of(
            "o que|como|quando|onde|qual|desde quando|você tem|o senhor tem|a senhora tem",
            "vou receitar|receit\\w*|miligramas|exame\\w*|retorno|diagnóstico|encaminh\\w*",
            "você|o senhor|a senhora|seu|sua",
            "eu|meu|minha|me|estou|tenho",
            "sim|não|obrigad[oa]|doutor|doutora|dói"),
        ["hi"] = Of(
            "क्या|कब|कैसे|कहाँ|कहां|कितने|कितना|कितनी",
            "दवा|दवाई|जांच|जाँच|टेस्ट|मिलीग्राम|लीजिए|लेना है|खाइए",
            "आप|आपको|आपका|आपकी|आपके",
            "मैं|मुझे|मेरा|मेरी|मेरे",
            "हाँ|हां|जी|नहीं|धन्यवाद|डॉक्टर साहब|दर्द है"),
    };

    /// <summary>The cues of <paramref name="language"/> (ISO 639-1), or null where we have none (English's are built in).</summary>
    public static SpeakerCues? For(string language) => ByLanguage.GetValueOrDefault(language);

    private static SpeakerCues Of(string question, string clinician, string second, string first, string patient) =>
        new(Words(question, atStart: true), Words(clinician), Words(second), Words(first), Words(patient));

    private static Regex Words(string alternatives, bool atStart = false) =>
        new((atStart ? @"^[\s¿¡""]*" : @"(?<![\p{L}\p{M}'])") + $"(?:{alternatives})" + @"(?![\p{L}\p{M}])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
