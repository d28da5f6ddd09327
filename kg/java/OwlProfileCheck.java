// OWL 2 DL profile check with the OWL API bundled in owlready2's HermiT.jar (OWL API 3.4).
// Usage: java -cp HermiT.jar:kg/java OwlProfileCheck FILE.owl   (RDF/XML, imports already merged)
// Prints one violation per line; exit 0 in profile, 1 not in profile, 2 unreadable input.
// Compiled with `javac --release 8 -cp HermiT.jar OwlProfileCheck.java` and shipped as a .class,
// because fresh machines get a JRE without javac.
import java.io.File;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfileCheck {
    public static void main(String[] args) {
        OWLOntology ontology;
        try {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            // Never fetch an import from the web: the caller merges what is imported.
            manager.setSilentMissingImportsHandling(true);
            ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        } catch (Exception e) {
            System.out.println("unreadable: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(2);
            return;
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println(v.getClass().getSimpleName() + "\t" + String.valueOf(v).replace('\n', ' '));
        }
        System.exit(report.isInProfile() ? 0 : 1);
    }
}
