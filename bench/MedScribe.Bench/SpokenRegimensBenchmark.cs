using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Speech.LanguageModel;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Whole prescribing decisions said in many ways: a drug of the speech corpus's list with one of its doses, a frequency from
/// a list of the ways clinicians say them, and a decision phrased by one of many sentence shapes (verb before or after the
/// drug, the dose in the next sentence, the patient's report, a drug only considered). Read by the extractor from the text
/// and, with <c>--speech</c>, spoken by festival and recognised by the embedded speech engine. A regimen is right when its
/// name, dose, frequency and decision all are, as the consult benchmark's tuple is. Later batches, read from the text only,
/// add doses counted in forms or volumes, a caregiver's turns, decisions said after the drug, two drugs in one turn,
/// frequencies with their limits and drugs named but not taken. Drawn at random with a fixed seed; no consult is involved
/// and the sentences are written here.
/// </summary>
public static class SpokenRegimensBenchmark
{
    private const int RegimensPerScript = 20;

    /// <summary>A frequency as said, and as the annotation writes it.</summary>
    private static readonly (string Said, string Written)[] Frequencies =
    [
        ("once a day", "once daily"), ("daily", "once daily"), ("every day", "once daily"), ("once daily", "once daily"), ("every morning", "once daily"),
        ("in the morning", "once daily"), ("a day", "once daily"), ("per day", "once daily"), ("each day", "once daily"),
        ("twice a day", "twice daily"), ("two times a day", "twice daily"), ("twice daily", "twice daily"), ("morning and night", "twice daily"),
        ("with breakfast and supper", "twice daily"), ("every twelve hours", "every 12 hours"),
        ("three times a day", "three times daily"), ("three times daily with meals", "three times daily"), ("every eight hours", "every 8 hours"),
        ("four times a day", "four times daily"), ("every six hours", "every 6 hours"),
        ("at bedtime", "every night"), ("at night", "every night"), ("every night", "every night"), ("before bed", "every night"), ("nightly", "every night"),
        ("once a week", "once weekly"), ("weekly", "once weekly"), ("every sunday", "once weekly"), ("one day a week", "once weekly"),
        ("twice a week", "twice weekly"), ("three times a week", "3 times weekly"), ("every other day", "every other day"), ("every two weeks", "every 2 weeks"),
        ("once a month", "once monthly"), ("monthly", "once monthly"),
        ("as needed", "as needed"), ("every six hours as needed for pain", "every 6 hours as needed"), ("every four to six hours as needed", "every 4 to 6 hours as needed"),
        ("at bedtime as needed for sleep", "every night as needed"), ("twice a day as needed", "twice daily as needed"),
    ];

    /// <summary>Turns (D: / P:) with {0} the drug, {1} the dose, {2} the frequency; the decision they state, or null for a drug only weighed.</summary>
    private static readonly (string Turns, string? Action)[] Shapes =
    [
        ("D: I'm going to start you on {0}, {1} {2}.", "start"),
        ("D: Let's begin {0} {1} {2}.", "start"),
        ("D: I'll prescribe {0} {1}, to take {2}.", "start"),
        ("D: We'll add {0} {1} {2}.", "start"),
        ("D: I'm sending in a prescription for {0} {1} {2}.", "start"),
        ("D: I want you to take {0} {1} {2}.", "start"),
        ("D: I'm starting {0} today. Take {1} {2}.", "start"),
        ("D: The new medicine is {0}, {1} {2}, starting tomorrow.", "start"),
        ("D: Let's try {0}. The dose is {1} {2}.", "start"),
        ("D: Continue the {0} {1} {2}.", "continue"),
        ("D: Stay on your {0}, {1} {2}.", "continue"),
        ("D: No change to the {0}; keep taking {1} {2}.", "continue"),
        ("D: Keep the {0} at {1} {2}.", "continue"),
        ("D: The {0} stays at {1} {2}.", "continue"),
        ("D: Let's increase the {0} to {1} {2}.", "increase"),
        ("D: I'm raising your {0} to {1} {2}.", "increase"),
        ("D: Go up on the {0} to {1} {2}.", "increase"),
        ("D: We'll bump the {0} up to {1} {2}.", "increase"),
        ("D: The {0} goes up to {1} {2}.", "increase"),
        ("D: Let's lower the {0} to {1} {2}.", "decrease"),
        ("D: Cut the {0} down to {1} {2}.", "decrease"),
        ("D: Reduce your {0} to {1} {2}.", "decrease"),
        ("D: The {0} comes down to {1} {2}.", "decrease"),
        ("D: We'll drop the {0} to {1} {2}.", "decrease"),
        ("D: Stop the {0} {1} {2}.", "stop"),
        ("D: You've been on {0} {1} {2}. I'd like you to stop it now.", "stop"),
        ("D: Please don't take the {0} {1} {2} anymore.", "stop"),
        ("D: What do you take for it?\nP: {0}, {1} {2}.", "continue"),
        ("D: Any regular medicines?\nP: I'm on {0} {1} {2}.", "continue"),
        ("D: Are you still taking the {0}?\nP: Yes, {1} {2}.", "continue"),
        ("P: I've been taking {1} of {0} {2} for a while now.", "continue"),
        ("D: If this doesn't settle, we could consider {0} {1} {2} later on.", null),
        ("D: {0} {1} {2} is an option down the road, but not today.", null),
        ("D: I'd rather not start {0} {1} {2} yet.", null),
    ];

    /// <summary>
    /// Shapes and frequencies written after the rules were mended for the first set, and first measured as they stand: a
    /// check that the mending generalised (their first figures are in the session notes).
    /// </summary>
    private static readonly (string Turns, string? Action)[] LaterShapes =
    [
        ("D: Here's the plan: {0} {1} {2}.", "start"),
        ("D: I'll write you for {0} {1} {2}.", "start"),
        ("D: We're going to put you on {0}, {1} {2}.", "start"),
        ("D: Pick up {0} {1} from the pharmacy and take it {2}.", "start"),
        ("D: I've called in {0} {1} {2} to your pharmacy.", "start"),
        ("D: You'll take {0} {1} {2} starting tonight.", "start"),
        ("D: I'd like to get you started on {0} {1} {2}.", "start"),
        ("D: My recommendation is {0} {1} {2}.", "start"),
        ("D: Carry on with the {0} {1} {2}.", "continue"),
        ("D: I'll refill your {0}, {1} {2}.", "continue"),
        ("D: Let's leave the {0} where it is, {1} {2}.", "continue"),
        ("D: You're doing well on the {0} {1} {2}, so we'll keep that going.", "continue"),
        ("D: Don't stop the {0}; it stays at {1} {2}.", "continue"),
        ("D: I'd like to double the {0} to {1} {2}.", "increase"),
        ("D: Let's take the {0} up to {1} {2}.", "increase"),
        ("D: We need a higher dose of {0}: {1} {2}.", "increase"),
        ("D: I'm increasing your {0} to {1} {2}.", "increase"),
        ("D: Push the {0} up to {1} {2}.", "increase"),
        ("D: Let's halve the {0} to {1} {2}.", "decrease"),
        ("D: I'm going to reduce the {0} to {1} {2}.", "decrease"),
        ("D: We'll taper the {0} down to {1} {2}.", "decrease"),
        ("D: Let's back off on the {0} to {1} {2}.", "decrease"),
        ("D: Bring the {0} down to {1} {2}.", "decrease"),
        ("D: I want you to come off the {0} {1} {2}.", "stop"),
        ("D: We're discontinuing the {0} {1} {2}.", "stop"),
        ("D: You can stop taking the {0} {1} {2}.", "stop"),
        ("D: Time to get off the {0} {1} {2}.", "stop"),
        ("P: My doctor has me on {0} {1} {2}.", "continue"),
        ("D: How do you take the {0}?\nP: {1} {2}.", "continue"),
        ("P: For my blood pressure I use {0}, {1} {2}.", "continue"),
        ("D: Some people do well on {0} {1} {2}, so we might think about it next time.", null),
        ("D: We talked about {0} {1} {2}, but let's hold off for now.", null),
        ("D: If the pain comes back we could try {0} {1} {2}.", null),
    ];

    private static readonly (string Said, string Written)[] LaterFrequencies =
    [
        ("every evening", "every night"), ("once every day", "once daily"), ("one time a day", "once daily"), ("first thing in the morning", "once daily"),
        ("with dinner", "once daily"), ("twice a day with food", "twice daily"), ("morning and evening", "twice daily"), ("three times a day after meals", "three times daily"),
        ("every four hours as needed", "every 4 hours as needed"), ("when needed", "as needed"), ("as needed for nausea", "as needed"), ("once every week", "once weekly"),
        ("every monday", "once weekly"), ("every three months", "every 3 months"), ("in the evening", "every night"), ("with breakfast", "once daily"),
        // Written in session 15 after the rest, first measured as they stood.
        ("every other week", "every 2 weeks"), ("once every two weeks", "every 2 weeks"), ("every three days", "every 3 days"), ("every four weeks", "every 4 weeks"),
        ("with each meal", "three times daily"), ("once in the morning and once at night", "twice daily"), ("two times daily", "twice daily"),
        ("every day at noon", "once daily"), ("once a day at bedtime", "every night"), ("three times a day with food", "three times daily"),
    ];

    /// <summary>
    /// A third batch, written in session 16 after the rest, first measured as they stand: shapes (switching, resuming, holding,
    /// a side effect that stops a drug, a drug asked about) with every frequency, and frequencies with every shape. Read from
    /// the text only, so the voiced sample stays the one earlier figures were measured on.
    /// </summary>
    private static readonly (string Turns, string? Action)[] ThirdShapes =
    [
        ("D: Let's switch you over to {0}, {1} {2}.", "start"),
        ("D: Instead of that one, I'd like you on {0} {1} {2}.", "start"),
        ("D: I'm adding {0} {1} {2} to what you already take.", "start"),
        ("D: Fill the {0} prescription, {1} {2}.", "start"),
        ("D: We can restart the {0} at {1} {2}.", "start"),
        ("D: Go ahead and resume {0} {1} {2}.", "start"),
        ("D: Keep going with {0} {1} {2}.", "continue"),
        ("D: The {0} {1} {2} is working, so no changes there.", "continue"),
        ("P: I'm still taking {0} {1} {2}.", "continue"),
        ("D: You'll stay on {0} {1} {2}.", "continue"),
        ("D: I'm going to up the {0} to {1} {2}.", "increase"),
        ("D: We'll increase your {0} dose to {1} {2}.", "increase"),
        ("D: Let's go up to {1} of the {0} {2}.", "increase"),
        ("D: Let's decrease the {0} to {1} {2}.", "decrease"),
        ("D: We'll go down on the {0} to {1} {2}.", "decrease"),
        ("D: I'm cutting back your {0} to {1} {2}.", "decrease"),
        ("D: Hold the {0} {1} {2} for now.", "hold"),
        ("D: Let's stop taking {0} {1} {2}.", "stop"),
        ("D: No more {0} {1} {2}.", "stop"),
        ("D: We'll discontinue the {0} {1} {2}.", "stop"),
        ("P: The {0} {1} {2} made me dizzy.\nD: Then let's stop it.", "stop"),
        ("D: We might add {0} {1} {2} if things don't improve.", null),
        ("D: Another choice would be {0} {1} {2}.", null),
        ("D: Have you ever tried {0} {1} {2}?\nP: No, never.", null),
    ];

    private static readonly (string Said, string Written)[] ThirdFrequencies =
    [
        ("two times a day with meals", "twice daily"), ("three times a day as needed", "three times daily as needed"), ("every night before bed", "every night"),
        ("once a day in the morning", "once daily"), ("every twelve hours as needed", "every 12 hours as needed"), ("once weekly", "once weekly"),
        ("at night as needed", "every night as needed"), ("daily with food", "once daily"), ("every eight hours as needed for pain", "every 8 hours as needed"),
        ("each evening", "every night"),
    ];

    /// <summary>
    /// A fourth batch, written in session 17 before any rule for it and first measured as the rules stood: a dose said as a
    /// count of a form or as a volume (tablets, pills, capsules, drops, sprays, patches, gummies, capfuls, milliliters), each with every
    /// shape; and a caregiver giving the medicine. Text only, like the third.
    /// </summary>
    private static readonly (string Drug, string Generic, string Said, string Written)[] FormDoses =
    [
        ("amoxicillin", "amoxicillin", "five milliliters", "5 ml"), ("cetirizine", "cetirizine", "two and a half milliliters", "2.5 ml"),
        ("children's ibuprofen", "ibuprofen", "seven and a half milliliters", "7.5 ml"), ("lactulose", "lactulose", "fifteen milliliters", "15 ml"),
        ("liquid iron", "ferrous sulfate", "one milliliter", "1 ml"), ("tylenol", "acetaminophen", "two tablets", "2 tablets"),
        ("naproxen", "naproxen", "one pill", "1 tablet"), ("omeprazole", "omeprazole", "one capsule", "1 capsule"),
        ("docusate", "docusate", "two capsules", "2 capsules"), ("latanoprost", "latanoprost", "one drop", "1 drop"),
        ("flonase", "fluticasone", "two sprays", "2 sprays"), ("nicotine patch", "nicotine", "one patch", "1 patch"),
        ("melatonin", "melatonin", "one gummy", "1 gummy"), ("loratadine", "loratadine", "one tablet", "1 tablet"),
        ("ondansetron", "ondansetron", "one tablet", "1 tablet"), ("miralax", "polyethylene glycol", "one capful", "1 capful"),
    ];

    private static readonly (string Turns, string? Action)[] CaregiverShapes =
    [
        ("D: Give him {0} {1} {2}.", "start"),
        ("D: You can give her {1} of the {0} {2}.", "start"),
        ("D: I'd like you to give him {0}, {1} {2}.", "start"),
        ("D: Give {1} of {0} {2}, starting today.", "start"),
        ("D: Keep giving the {0}, {1} {2}.", "continue"),
        ("P: I've been giving him {0}, {1} {2}.", "continue"),
        ("D: How much {0} are you giving her?\nP: {1} {2}.", "continue"),
        ("D: Go ahead and stop giving the {0} {1} {2}.", "stop"),
        ("D: Don't give her any more {0} {1} {2}.", "stop"),
        ("D: Let's give him a bit more {0}, {1} {2}.", "increase"),
        ("D: Give less {0}, just {1} {2}.", "decrease"),
        ("D: If the fever comes back you could give {0} {1} {2}, but it's not needed now.", null),
    ];

    /// <summary>
    /// A fifth batch, written in session 17 before any rule for it and first measured as the rules stood: a decision said after
    /// the drug or through a negated change ("we won't change the …", "the … can go", "let's take you off …"), with every
    /// frequency. Text only.
    /// </summary>
    private static readonly (string Turns, string? Action)[] FifthShapes =
    [
        ("D: The {0} {1} {2} stays the same.", "continue"),
        ("D: {0}, same dose, {1} {2}.", "continue"),
        ("D: No change in the {0}, {1} {2}.", "continue"),
        ("D: The {0} {1} {2} is fine as it is.", "continue"),
        ("D: {0} {1} {2}, unchanged.", "continue"),
        ("D: We won't change the {0}, {1} {2}.", "continue"),
        ("D: The {0} {1} {2} can stay.", "continue"),
        ("D: I wouldn't touch the {0}, {1} {2}.", "continue"),
        ("D: Stick to the {0} {1} {2}.", "continue"),
        ("D: The {0} {1} {2}, we'll leave that.", "continue"),
        ("D: Same {0}, {1} {2}.", "continue"),
        ("D: Let's not change the {0} {1} {2}.", "continue"),
        ("D: {0} {1} {2}, keep it as is.", "continue"),
        ("D: Nothing changes with your {0}, {1} {2}.", "continue"),
        ("D: The {0} {1} {2} can go.", "stop"),
        ("D: We'll get rid of the {0} {1} {2}.", "stop"),
        ("D: You no longer need the {0} {1} {2}.", "stop"),
        ("D: There's no need for the {0} {1} {2} anymore.", "stop"),
        ("D: Let's take you off the {0} {1} {2}.", "stop"),
        ("D: I'm taking you off {0} {1} {2}.", "stop"),
        ("D: The {0} {1} {2} has to go.", "stop"),
        ("D: The plan is to start {0} at {1} {2}.", "start"),
        ("D: {0} {1} {2} is what I'd like to start.", "start"),
        ("D: I'm going to have you take {0} {1} {2}.", "start"),
        ("D: I'll send {0} {1} {2} to your pharmacy.", "start"),
        ("D: The {0} isn't quite enough, so let's make it {1} {2}.", "increase"),
        ("D: Let's go higher on the {0}, {1} {2}.", "increase"),
        ("D: We'll move the {0} up to {1} {2}.", "increase"),
        ("D: The {0} is too strong, so let's go lower, {1} {2}.", "decrease"),
        ("D: We'll move the {0} down to {1} {2}.", "decrease"),
        ("D: Let's scale back the {0} to {1} {2}.", "decrease"),
        ("D: We won't start {0} {1} {2} today.", null),
        ("D: I thought about {0} {1} {2}, but it's not right for you.", null),
        ("D: {0} {1} {2} would be an option if this one fails.", null),
    ];

    /// <summary>
    /// A sixth set, written in session 17 before any rule for it and first measured as the rules stood: two drugs decided in
    /// one turn ({0}–{2} the first drug, dose and frequency, {3}–{5} the second), each scored as a regimen. Text only.
    /// </summary>
    private static readonly (string Turns, string? First, string? Second)[] PairShapes =
    [
        ("D: Start {0} {1} {2}, and continue the {3} {4} {5}.", "start", "continue"),
        ("D: Increase the {0} to {1} {2} and stop the {3} {4} {5}.", "increase", "stop"),
        ("D: We'll stop the {0} {1} {2} and start {3} {4} {5} instead.", "stop", "start"),
        ("D: Swap the {0} {1} {2} for {3} {4} {5}.", "stop", "start"),
        ("P: I take {0} {1} {2} and {3} {4} {5}.", "continue", "continue"),
        ("D: What are you taking?\nP: {0} {1} {2}, and {3} {4} {5}.", "continue", "continue"),
        ("D: Keep the {0} at {1} {2}. Lower the {3} to {4} {5}.", "continue", "decrease"),
        ("D: Let's add {0} {1} {2}; the {3} {4} {5} stays.", "start", "continue"),
        ("D: Continue {0} {1} {2} and {3} {4} {5}.", "continue", "continue"),
        ("D: I'm starting {0} {1} {2}, and I'd like you to stop taking the {3} {4} {5}.", "start", "stop"),
        ("D: First, the {0} goes up to {1} {2}. Second, the {3} comes down to {4} {5}.", "increase", "decrease"),
        ("D: Instead of the {0} {1} {2}, take {3} {4} {5}.", "stop", "start"),
        ("D: We'll hold the {0} {1} {2} for now, and start {3} {4} {5}.", "hold", "start"),
        ("D: Continue the {0} {1} {2}. We could add {3} {4} {5} later if needed.", "continue", null),
        ("D: Stay on the {0} {1} {2}, and we won't start {3} {4} {5} yet.", "continue", null),
        ("D: You're on {0} {1} {2} and {3} {4} {5}, and both stay the same.", "continue", "continue"),
    ];

    /// <summary>
    /// A ninth set, written in session 18 before any rule for it and first measured as the rules stood: the decision, the dose
    /// and the frequency said apart, with a question, an explanation or the patient's turn between. Text only.
    /// </summary>
    private static readonly (string Turns, string? Action)[] SpreadShapes =
    [
        ("D: I'd like to start {0}.\nP: Okay. How do I take it?\nD: {1} {2}.", "start"),
        ("D: Let's start {0}. It comes as {1}, and you'll take it {2}.", "start"),
        ("D: I'm going to put you on something called {0}.\nP: What's the dose?\nD: {1}, {2}.", "start"),
        ("D: We'll start {0}. It can upset your stomach at first, so take it with food. The dose is {1} {2}.", "start"),
        ("D: Your prescription is for {0}. That's {1} {2}.", "start"),
        ("D: For this, {0} works well. I'll send it in: {1} {2}.", "start"),
        ("D: We'll start {0} today.\nP: Do I take it with food?\nD: Yes. Take {1} {2}.", "start"),
        ("D: Start {0}, {1}. Take it {2}, at the same time each day.", "start"),
        ("P: I'm on {0}.\nD: What dose?\nP: {1}, {2}.", "continue"),
        ("D: Tell me about the {0}.\nP: I take {1} {2}, and it's been fine.\nD: Good, keep taking it.", "continue"),
        ("D: The {0} is working, so we'll keep it at {1} {2}.", "continue"),
        ("D: Your {0} needs to go up. From now on, take {1} {2}.", "increase"),
        ("D: About the {0}. It's a bit too much, so let's make it {1} {2}.", "decrease"),
        ("D: The {0} has to stop.\nP: I've been taking {1} {2}.\nD: Yes, stop that.", "stop"),
    ];

    /// <summary>
    /// A tenth set, written in session 18 before any rule for it and first measured as the rules stood: the strength said as a
    /// tablet's ({3}: "one twenty milligram tablet"), a first dose with a later step, and a change said before the new dose.
    /// Units and non-tablet forms read oddly in some ("a five milliliter pill"); every drug of the list takes every shape.
    /// Text only.
    /// </summary>
    private static readonly (string Turns, string? Action)[] StrengthShapes =
    [
        ("D: I'm starting {0}. Take one {3} tablet {2}.", "start"),
        ("D: Let's start {0} at {1} {2}, and we'll go up in two weeks if you tolerate it.", "start"),
        ("D: You'll take the {3} tablet of {0} {2}.", "start"),
        ("D: Start with {1} of {0} {2} for the first week.", "start"),
        ("P: I take a {3} {0} pill {2}.", "continue"),
        ("D: I'm giving you {0}, the {3} strength, {2}.", "start"),
        ("D: Keep the {0} at {1}, {2}, same as before.", "continue"),
        ("D: Let's go up on the {0}. The new dose is {1} {2}.", "increase"),
        ("D: The {0} is going down. Take {1} {2} from now on.", "decrease"),
        ("D: Refill the {0}, still {1} {2}.", "continue"),
        ("D: For your {0}, nothing changes: {1} {2}.", "continue"),
    ];

    /// <summary>
    /// A thirteenth set, written in session 21 after the rule that a clinician's answer to the patient's question about a
    /// drug says how to take it, with shapes beyond the two that rule was written on: the dose or the frequency is asked for
    /// and said in the clinician's next turn. Text only.
    /// </summary>
    private static readonly (string Turns, string? Action)[] AskedShapes =
    [
        ("D: I'm starting {0} {1}.\nP: How often do I take it?\nD: {2}.", "start"),
        ("D: We'll add {0} {1}.\nP: And when do I take that?\nD: You'll take it {2}.", "start"),
        ("D: Let's go up on the {0} to {1}.\nP: Same time as before?\nD: Yes, {2}, like before.", "increase"),
        ("D: I'm prescribing {0}.\nP: What dose is it?\nD: {1}, {2}.", "start"),
        ("D: I'm also starting {0} {1}.\nP: Okay, and how do I take it?\nD: Take one {2}.", "start"),
        ("D: Let's lower the {0} to {1}.\nP: Do I still take it the same way?\nD: Yes, {2}.", "decrease"),
        ("P: Should I keep taking the {0}?\nD: Yes, keep it at {1} {2}.", "continue"),
        ("D: We'll try {0}.\nP: How much do I take?\nD: {1} {2}, with water.", "start"),
    ];

    /// <summary>Two drugs started or taken together with one frequency said for both ({2}); written with the ninth set.</summary>
    private static readonly (string Turns, string? First, string? Second)[] SharedPairShapes =
    [
        ("D: Start {0} {1} and {3} {4}. Take both {2}.", "start", "start"),
        ("D: You'll take {0} {1} together with {3} {4}, {2}.", "start", "start"),
        ("P: I take {0} {1} and {3} {4}, both {2}.", "continue", "continue"),
        ("D: I'm prescribing {0} {1} and {3} {4}. You'll take them {2}.", "start", "start"),
        ("D: Keep taking the {0} {1} and the {3} {4}, each {2}.", "continue", "continue"),
    ];

    /// <summary>
    /// A twelfth set, written in session 19: as a recogniser gives it, with no punctuation, the clinician points at a drug
    /// without a verb or a question mark, and the patient's answer doses it and goes on to another drug with its own dose.
    /// </summary>
    private static readonly (string Turns, string? First, string? Second)[] PointedPairShapes =
    [
        ("D: and this bottle of {0}\nP: that's for sleep I take {1} {2} and the {3} is {4} {5}", "continue", "continue"),
        ("D: and the {0}\nP: {1} {2} then the {3} I take {4} {5}", "continue", "continue"),
        ("D: now your {0}\nP: I take {1} {2} and there's the {3} {4} {5}", "continue", "continue"),
        ("D: and this box of {0}\nP: oh that one is {1} {2} the {3} is for my knees I take {4} {5}", "continue", "continue"),
    ];

    /// <summary>Every pair shape with every frequency for the first drug (drugs, doses and the second frequency drawn); each drug scored alone.</summary>
    private static void Pairs(ClinicalExtractor extractor, bool verbose) => Pairs(extractor, verbose, PairShapes, new Random(19), "sixth set (two drugs in one turn)");

    /// <summary>The pair shapes with every frequency; a shape without {5} says its one frequency for both drugs.</summary>
    private static void Pairs(ClinicalExtractor extractor, bool verbose, (string Turns, string? First, string? Second)[] pairShapes, Random random, string label)
    {
        var frequencies = Frequencies.Concat(LaterFrequencies).Concat(ThirdFrequencies).ToList();
        var right = 0;
        var pairsRight = 0;
        var said = 0;
        var wrong = new List<string>();
        var byShape = new Dictionary<string, (int Right, int Said)>();
        foreach (var (shape, firstAction, secondAction) in pairShapes)
        {
            foreach (var frequency in frequencies)
            {
                var first = Drawn(random);
                var second = Drawn(random);
                while (second.Generic == first.Generic)
                {
                    second = Drawn(random);
                }

                var other = shape.Contains("{5}", StringComparison.Ordinal) ? frequencies[random.Next(frequencies.Count)] : frequency;
                var turns = SpokenScripts.Capitalised(string.Format(CultureInfo.InvariantCulture, shape, first.Name, first.Said, frequency.Said, second.Name, second.Said, other.Said));
                var medications = extractor.Extract(ClinicalTranscript.FromText(turns + "\nP: Okay.")).Medications;
                // Each drug is scored as a regimen of its own; the other drug of the pair is not "another drug".
                Outcome Of((string Name, string Generic, string Said, string Written) drug, (string Said, string Written) f, string? action, string otherGeneric) =>
                    Score(new Regimen(drug.Generic, turns, drug.Written, f.Written, action, shape, f.Said, 5), medications.Where(m => m.Name != otherGeneric).ToList());
                var a = Of(first, frequency, firstAction, second.Generic);
                var b = Of(second, other, secondAction, first.Generic);
                right += (a.Right ? 1 : 0) + (b.Right ? 1 : 0);
                pairsRight += a.Right && b.Right ? 1 : 0;
                said++;
                var (r, n) = byShape.GetValueOrDefault(shape);
                byShape[shape] = (r + (a.Right && b.Right ? 1 : 0), n + 1);
                if (!(a.Right && b.Right))
                {
                    wrong.Add($"    wrong: {turns.Replace("\n", " / ", StringComparison.Ordinal)} [want {first.Generic}|{first.Written}|{frequency.Written}|{firstAction ?? "not reported"}; "
                        + $"{second.Generic}|{second.Written}|{other.Written}|{secondAction ?? "not reported"}] got [{string.Join("; ", medications.Select(m => $"{m.Name}|{m.Dosage}|{m.Frequency}|{m.Action}"))}]");
                }
            }
        }

        Console.WriteLine($"| from the text, {label} | both right {pairsRight} of {said} ({(double)pairsRight / said:P1}) | drugs right {right} of {2 * said} ({(double)right / (2 * said):P1}) |");
        if (verbose)
        {
            Console.WriteLine("    by pair shape (both right of said):");
            foreach (var (shape, (r, n)) in byShape)
            {
                Console.WriteLine($"      {r,4} of {n,4}  {shape.Replace("\n", " / ", StringComparison.Ordinal)}");
            }

            wrong.ForEach(Console.WriteLine);
        }
    }

    /// <summary>
    /// A seventh batch, written in session 17 before any rule for it and first measured as the rules stood: a frequency with
    /// what limits it, as the annotation keeps it (a most per day, the days of the week, an exception, a first phase then
    /// another), with every shape of the first set. Text only.
    /// </summary>
    private static readonly (string Said, string Written)[] QualifiedFrequencies =
    [
        ("up to three times a day", "up to 3 times daily"), ("up to twice a day as needed", "up to twice daily as needed"),
        ("up to four times a day when needed", "up to 4 times daily as needed"), ("twice a day on weekdays", "twice daily on weekdays"),
        ("once a day, Monday through Friday", "once daily on weekdays"), ("twice a day only on Saturdays and Sundays", "twice daily on weekends only"),
        ("once a day on weekends", "once daily on weekends"), ("once a day except on Sundays", "once daily except on Sundays"),
        ("every day except Saturday", "once daily except on Saturdays"), ("twice a day for two weeks, then once a day", "twice daily for 2 weeks, then once daily"),
        ("once a day for one week, then every other day", "once daily for 1 week, then every other day"),
        ("twice a day for two weeks, then twice a day on weekends only", "twice daily for 2 weeks, then twice daily on weekends only"),
    ];

    /// <summary>
    /// An eighth set, written in session 17 before any rule for it and first measured as the rules stood: a drug named in a
    /// turn that neither prescribes it nor says the patient takes it (someone else's medicine, a comparison, a question
    /// answered no, hearsay, food), each with every drug of the corpus list. Right when no medication is reported. Text only.
    /// </summary>
    private static readonly string[] NotMedicationShapes =
    [
        "P: My mother took {0} for years.",
        "P: My husband is on {0}.",
        "P: My sister takes {0} and swears by it.",
        "D: Have you ever taken {0}?\nP: No, never.",
        "D: Is anyone in the family on {0}?\nP: My dad, I think.",
        "P: I read online that {0} causes weight gain.",
        "D: Unlike {0}, this one doesn't cause a cough.",
        "D: This works a bit like {0}, but it's gentler on the stomach.",
        "D: {0} wouldn't help with this kind of pain.",
        "D: We don't use {0} for this anymore.",
        "D: Lots of people ask about {0}, but the evidence isn't good.",
        "P: Is this the same thing as {0}?\nD: No, it's a different medicine.",
        "D: If you were pregnant, we'd avoid {0}.",
        "P: A friend gave me some {0}, but I never took it.",
    ];

    /// <summary>
    /// An eleventh set, written in session 18 before any rule for it and first measured as the rules stood: a drug tried and
    /// given up long ago, one the clinician rules out or keeps for later in other words, one never filled, one to avoid
    /// with the new medicine. Right when no medication is reported.
    /// </summary>
    private static readonly string[] NotTakenShapes =
    [
        "P: I tried {0} years ago, but it didn't help.",
        "D: {0} is usually the first choice, but with your kidneys we'll avoid it.",
        "D: Some patients eventually need {0}, but you're not there.",
        "P: My old doctor wanted me on {0}, but I never filled it.",
        "D: We used to give {0} for this, but not anymore.",
        "D: Avoid {0} while you're on this.",
        "D: Don't take {0} with it.",
        "P: I took {0} once in college.",
    ];

    /// <summary>Food and drink said in words some drug names share; no medication is said.</summary>
    private static readonly string[] FoodTurns =
    [
        "D: Eat foods with plenty of iron, like spinach, beans and red meat.",
        "D: Milk, yogurt and cheese will give her the calcium she needs.",
        "D: Try to get some sunshine, it helps your body make vitamin D.",
        "D: Cut back on caffeine and alcohol in the evening.",
        "D: Bananas and potatoes have a lot of potassium.",
        "D: Oranges and strawberries are full of vitamin C.",
        "D: Fish like salmon has the omega three fats that are good for the heart.",
        "P: I drink about three cups of coffee a day.",
        "D: Whole milk is fine until she's two, then switch to low fat.",
        "D: Limit juice to four ounces a day.",
    ];

    private static void NotMedications(ClinicalExtractor extractor, bool verbose) =>
        NotMedications(extractor, verbose, NotMedicationShapes, FoodTurns, "eighth set (named, not a medication)");

    private static void NotMedications(ClinicalExtractor extractor, bool verbose, string[] shapes, string[] plainTurns, string label)
    {
        var drugs = CorpusDrugs.Value;
        var turns = shapes.SelectMany(shape => drugs.Select(d => (Shape: shape, Text: SpokenScripts.Capitalised(string.Format(CultureInfo.InvariantCulture, shape, d.Name)))))
            .Concat(plainTurns.Select(t => (Shape: "food", Text: t))).ToList();
        var wrong = turns.Select(t => (t.Shape, t.Text, Reported: extractor.Extract(ClinicalTranscript.FromText(t.Text + "\nP: Okay.")).Medications))
            .Where(t => t.Reported.Count > 0).ToList();
        Console.WriteLine($"| from the text, {label} | no medication reported {turns.Count - wrong.Count} of {turns.Count} ({(double)(turns.Count - wrong.Count) / turns.Count:P1}) |");
        if (verbose)
        {
            foreach (var shape in wrong.GroupBy(w => w.Shape))
            {
                Console.WriteLine($"      {shape.Count(),4} reported  {shape.Key.Replace("\n", " / ", StringComparison.Ordinal)}");
            }

            foreach (var (_, text, reported) in wrong)
            {
                Console.WriteLine($"    wrong: {text.Replace("\n", " / ", StringComparison.Ordinal)} got [{string.Join("; ", reported.Select(m => $"{m.Name}|{m.Dosage}|{m.Frequency}|{m.Action}"))}]");
            }
        }
    }

    /// <summary>A decision as said; <see cref="Batch"/> 0 for the first shapes and frequencies, 1 for the later, 2 for the third, 3 for the fourth, 4 for the fifth, 5 for the seventh, 6 for the ninth, 7 for the tenth, 8 for the thirteenth.</summary>
    private sealed record Regimen(string Drug, string Turns, string Dose, string Frequency, string? Action, string Shape, string FrequencyShape, int Batch);

    /// <summary>How many regimens are also said aloud with <c>--speech</c> (a fixed sample; every one would take an hour to decode).</summary>
    private const int Voiced = 240;

    public static async Task RunAsync(bool speech, bool verbose)
    {
        var regimens = Regimens();
        Console.WriteLine($"{regimens.Count} regimens: {Shapes.Length} + {LaterShapes.Length} + {ThirdShapes.Length} + {CaregiverShapes.Length} + {FifthShapes.Length} sentence shapes, {FormDoses.Length} form doses, {Frequencies.Length} + {LaterFrequencies.Length} + {ThirdFrequencies.Length} + {QualifiedFrequencies.Length} frequencies, drugs and doses of the speech corpus:");
        var extractor = ExtractionBenchmark.Extractor;
        var fromText = regimens.Select(r => Score(r, extractor.Extract(ClinicalTranscript.FromText(r.Turns + "\nP: Okay.")).Medications)).ToList();
        Report("from the text", regimens, fromText, verbose);
        Pairs(extractor, verbose);
        NotMedications(extractor, verbose);
        Pairs(extractor, verbose, SharedPairShapes, new Random(23), "ninth set (two drugs, one frequency for both)");
        NotMedications(extractor, verbose, NotTakenShapes, [], "eleventh set (tried long ago, ruled out, never filled, to avoid)");
        Pairs(extractor, verbose, PointedPairShapes, new Random(29), "twelfth set (a drug pointed at, the answer going on to another)");
        if (!speech)
        {
            return;
        }

        var voiceable = regimens.Where(r => r.Batch < 2).ToList();
        var sample = voiceable.Where((_, i) => i % (voiceable.Count / Voiced) == 0).Take(Voiced).ToList();
        var scripts = new List<(string Path, List<Regimen> Lines)>();
        for (var start = 0; start < sample.Count; start += RegimensPerScript)
        {
            var lines = sample.Skip(start).Take(RegimensPerScript).ToList();
            // Each regimen ends with the patient's "Okay." so it is heard apart from the next.
            var text = string.Concat(lines.Select(r => r.Turns + "\nP: Okay.\n"));
            scripts.Add((SpokenScripts.Save("spoken-regimens", $"regimens-{start / RegimensPerScript:D2}", text), lines));
        }

        var transcripts = await SpeechTranscripts.GetAsync(scripts.Select(s => s.Path).ToList());
        var byVoice = new List<Outcome>();
        foreach (var (path, lines) in scripts)
        {
            var turns = (await ConsultAudio.GetAsync(path)).Turns;
            // Each recognised line belongs to the turn it overlaps most (a line can run on from one turn into the next), and
            // is that turn's speaker's: the consult benchmark measures telling voices apart, this one the words.
            var byTurn = transcripts[path].Utterances
                .Select(u => (Utterance: u, Turn: Enumerable.Range(0, turns.Count)
                    .MaxBy(t => Math.Min(u.EndMs, turns[t].End * 1000) - Math.Max(u.StartMs, turns[t].Start * 1000))))
                .ToLookup(p => p.Turn, p => p.Utterance with { Speaker = turns[p.Turn].Speaker == "Doctor" ? Speakers.Doctor : Speakers.Patient });
            var at = 0;
            foreach (var regimen in lines)
            {
                var count = regimen.Turns.Split('\n').Length + 1;
                var heard = Enumerable.Range(at, count).SelectMany(t => byTurn[t]).ToList();
                at += count;
                var transcript = ClinicalTranscript.From(heard.Select((u, k) => u with { Index = k }));
                byVoice.Add(Score(regimen, extractor.Extract(transcript).Medications) with { Heard = string.Join(" / ", heard.Select(u => u.Text)) });
            }
        }

        Report("by voice", sample, byVoice, verbose);
    }

    private sealed record Outcome(bool Found, bool Dose, bool Frequency, bool Action, bool Wrong, string Reported)
    {
        public bool Right => Found && Dose && Frequency && Action && !Wrong;
        public string Heard { get; init; } = "";
    }

    private static Outcome Score(Regimen regimen, IReadOnlyList<MedicationFact> medications)
    {
        var reported = string.Join("; ", medications.Select(m => $"{m.Name}|{m.Dosage}|{m.Frequency}|{m.Action}"));
        var match = medications.FirstOrDefault(m => m.Name == regimen.Drug);
        var others = medications.Any(m => m.Name != regimen.Drug);
        if (regimen.Action is null)
        {
            // Only weighed: right when it is not reported as taken or started.
            var started = match is not null;
            return new Outcome(!started, true, true, true, others, reported);
        }

        if (match is null)
        {
            return new Outcome(false, false, false, false, others, reported);
        }

        return new Outcome(true, Key(match.Dosage) == Key(regimen.Dose),
            ExtractionEvaluation.FrequencyKey(match.Frequency ?? "") == ExtractionEvaluation.FrequencyKey(regimen.Frequency), match.Action == regimen.Action, others, reported);
    }

    /// <summary>A dose compared without case, spaces or plural, with IU and units the same.</summary>
    private static string Key(string? dose) => System.Text.RegularExpressions.Regex.Replace(
        (dose ?? "").ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), "(iu|units|puffs|sprays|drops|tablets|capsules)$", m => m.Value switch
        {
            "iu" or "units" => "unit",
            var plural => plural[..^1],
        });

    private static void Report(string label, List<Regimen> regimens, List<Outcome> outcomes, bool verbose)
    {
        var pairs = regimens.Select((r, i) => (r, o: outcomes[i])).ToList();
        foreach (var (set, members) in new[] { "first shapes", "later shapes or frequencies", "third batch", "fourth batch (form doses, caregivers)", "fifth batch (decision after the drug, negated change)", "seventh batch (frequency qualifiers)", "ninth batch (decision, dose and frequency said apart)", "tenth batch (a tablet's strength, a first step, a change before the dose)", "thirteenth batch (dose or frequency asked for, said in the next turn)" }.Select((name, batch) => (name, pairs.Where(p => p.r.Batch == batch).ToList())))
        {
            if (members.Count == 0)
            {
                continue;
            }

            var weighed = members.Where(p => p.r.Action is null).ToList();
            var decided = members.Where(p => p.r.Action is not null).ToList();
            var right = decided.Count(p => p.o.Right);
            Console.WriteLine($"| {label}, {set} | regimen right {right} of {decided.Count} ({(double)right / Math.Max(1, decided.Count):P1}) | found {decided.Count(p => p.o.Found)} "
                + $"| of those found: dose right {decided.Count(p => p.o.Found && p.o.Dose)}, frequency right {decided.Count(p => p.o.Found && p.o.Frequency)}, "
                + $"decision right {decided.Count(p => p.o.Found && p.o.Action)} | weighed drugs not reported {weighed.Count(p => p.o.Found)} of {weighed.Count} "
                + $"| another drug reported {members.Count(p => p.o.Wrong)} |");
        }

        if (!verbose)
        {
            return;
        }

        Console.WriteLine("    by shape (right of said):");
        foreach (var shape in pairs.GroupBy(p => p.r.Shape))
        {
            Console.WriteLine($"      {shape.Count(p => p.o.Right),4} of {shape.Count(),4}  {shape.Key.Replace("\n", " / ", StringComparison.Ordinal)}");
        }

        Console.WriteLine("    by frequency (frequency right of found):");
        foreach (var frequency in pairs.Where(p => p.r.Action is not null).GroupBy(p => p.r.FrequencyShape))
        {
            Console.WriteLine($"      {frequency.Count(p => p.o.Found && p.o.Frequency),4} of {frequency.Count(p => p.o.Found),4}  {frequency.Key}");
        }

        foreach (var (regimen, outcome) in pairs.Where(p => !p.o.Right))
        {
            var said = regimen.Turns.Replace("\n", " / ", StringComparison.Ordinal);
            Console.WriteLine($"    wrong: {said} [want {regimen.Drug}|{regimen.Dose}|{regimen.Frequency}|{regimen.Action ?? "not reported"}] got [{outcome.Reported}]"
                + (outcome.Heard.Length > 0 ? $" heard \"{outcome.Heard}\"" : ""));
        }
    }

    /// <summary>The corpus's drugs the lexicon knows by that whole name, with the generic the lexicon reports.</summary>
    private static readonly Lazy<List<(string Name, IReadOnlyList<string> Doses, string Unit, string Generic)>> CorpusDrugs = new(() =>
        ClinicalCorpus.Drugs(MedScribe.Speech.PocketSphinx.MedicalSpeechModel.DefaultDataDirectory)
            .Select(d => (d.Name, d.Doses, d.Unit, Match: Clinical.Lexicons.ClinicalLexicon.Default.Drugs.FindAll(d.Name.Split(' '))))
            .Where(d => d.Match.Count == 1 && d.Match[0].Start == 0 && d.Match[0].End == d.Name.Split(' ').Length)
            .Select(d => (d.Name, (IReadOnlyList<string>)d.Doses, d.Unit, d.Match[0].Value.Generic)).ToList());

    /// <summary>A drug of the list with one of its doses, as said and as the annotation writes it.</summary>
    private static (string Name, string Generic, string Said, string Written) Drawn(Random generator)
    {
        var drugs = CorpusDrugs.Value;
        var (name, doses, unit, generic) = drugs[generator.Next(drugs.Count)];
        var amount = doses[generator.Next(doses.Count)];
        var spokenUnit = amount == "1" ? unit.TrimEnd('s') : unit;
        var said = $"{SpokenNumbers.Decimal(amount)} {spokenUnit}";
        // As the annotations write them: "0.05%".
        var written = unit switch
        {
            "percent" => $"{amount}%",
            _ => $"{amount} {unit.TrimEnd('s') switch { "milligram" => "mg", "microgram" => "mcg", "gram" => "g", _ => spokenUnit }}",
        };
        return (name, generic, said, written);
    }

    /// <summary>Every shape with every frequency once (drugs and doses drawn at random), in a shuffled order.</summary>
    private static List<Regimen> Regimens()
    {
        var random = new Random(22);
        // A drug of the list with one of its doses drawn by the generator, said in the shape with the frequency.
        Regimen Draw(Random generator, (string Turns, string? Action) shape, (string Said, string Written) frequency, int batch)
        {
            var drug = Drawn(generator);
            // {3}: the strength as a tablet's, "twenty milligram".
            var strength = System.Text.RegularExpressions.Regex.Replace(drug.Said, "(milligram|microgram|gram|unit|milliliter)s$", "$1");
            var turns = SpokenScripts.Capitalised(string.Format(CultureInfo.InvariantCulture, shape.Turns, drug.Name, drug.Said, frequency.Said, strength));
            return new Regimen(drug.Generic, turns, drug.Written, frequency.Written, shape.Action, shape.Turns, frequency.Said, batch);
        }

        var shapes = Shapes.Select(s => (s.Turns, s.Action, Later: false)).Concat(LaterShapes.Select(s => (s.Turns, s.Action, Later: true))).ToList();
        var frequencies = Frequencies.Select(f => (f.Said, f.Written, Later: false)).Concat(LaterFrequencies.Select(f => (f.Said, f.Written, Later: true))).ToList();
        var regimens = shapes.SelectMany(shape => frequencies.Select(frequency => (shape, frequency))).ToList()
            .Select(p => Draw(random, (p.shape.Turns, p.shape.Action), (p.frequency.Said, p.frequency.Written), p.shape.Later || p.frequency.Later ? 1 : 0))
            .ToList().OrderBy(_ => random.Next()).ToList();

        // The third batch draws from its own generator, so the first two stay as they were measured.
        var third = new Random(16);
        var allFrequencies = frequencies.Select(f => (f.Said, f.Written)).Concat(ThirdFrequencies).ToList();
        regimens.AddRange(ThirdShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency)))
            .Concat(shapes.Select(s => (s.Turns, s.Action)).SelectMany(shape => ThirdFrequencies.Select(frequency => (shape, frequency))))
            .Select(p => Draw(third, p.shape, p.frequency, 2)).ToList());

        // The fourth: every form dose with every shape (a frequency drawn), and the caregiver shapes with every frequency.
        var fourth = new Random(17);
        var allShapes = shapes.Select(s => (s.Turns, s.Action)).Concat(ThirdShapes).Concat(CaregiverShapes).ToList();
        foreach (var shape in allShapes)
        {
            foreach (var (drug, generic, said, written) in FormDoses)
            {
                var frequency = allFrequencies[fourth.Next(allFrequencies.Count)];
                var turns = SpokenScripts.Capitalised(string.Format(CultureInfo.InvariantCulture, shape.Turns, drug, said, frequency.Said));
                regimens.Add(new Regimen(generic, turns, written, frequency.Written, shape.Action, shape.Turns, frequency.Said, 3));
            }
        }

        regimens.AddRange(CaregiverShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(fourth, p.shape, p.frequency, 3)));
        var fifth = new Random(18);
        regimens.AddRange(FifthShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(fifth, p.shape, p.frequency, 4)));
        var seventh = new Random(20);
        regimens.AddRange(Shapes.SelectMany(shape => QualifiedFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(seventh, p.shape, p.frequency, 5)));
        var ninth = new Random(21);
        regimens.AddRange(SpreadShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(ninth, p.shape, p.frequency, 6)));
        var tenth = new Random(24);
        regimens.AddRange(StrengthShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(tenth, p.shape, p.frequency, 7)));
        var thirteenth = new Random(31);
        regimens.AddRange(AskedShapes.SelectMany(shape => allFrequencies.Select(frequency => (shape, frequency))).Select(p => Draw(thirteenth, p.shape, p.frequency, 8)));
        return regimens;
    }
}
