package org.opsframework.deployment;

import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What the Maven build produces, read from the POMs rather than assumed. */
final class Poms {

  private Poms() {}

  static Document read(String relative) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(RepositoryFiles.path(relative).toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + relative, e);
    }
  }

  /** The text of a direct child of the project element, such as artifactId or version. */
  static String projectValue(Document pom, String child) {
    for (Node node = pom.getDocumentElement().getFirstChild();
        node != null;
        node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(child)) {
        return element.getTextContent().trim();
      }
    }
    throw new IllegalStateException("the POM has no " + child);
  }

  static List<String> modules() {
    NodeList modules = read("pom.xml").getElementsByTagName("module");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      names.add(modules.item(i).getTextContent().trim());
    }
    return names;
  }

  /**
   * The path of the executable jar a module's build leaves in its target folder: the root POM has
   * Spring Boot's repackage goal write it with a classifier, next to the plain jar.
   */
  static String executableJar(String module) {
    Document root = read("pom.xml");
    String version = projectValue(root, "version");
    String artifactId = projectValue(read(module + "/pom.xml"), "artifactId");
    NodeList classifiers = root.getElementsByTagName("classifier");
    if (classifiers.getLength() != 1) {
      throw new IllegalStateException("expected one repackage classifier in the root POM");
    }
    String classifier = classifiers.item(0).getTextContent().trim();
    return module + "/target/" + artifactId + "-" + version + "-" + classifier + ".jar";
  }
}
