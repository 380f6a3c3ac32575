package org.caducee.cda.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;

import org.xml.sax.InputSource;

import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.trans.XPathException;

/**
 * Keeps the kit's data files that the schematrons read at run time with {@code doc()} / {@code document()} (value sets
 * {@code jeuxDeValeurs/*.xml}, the {@code voc-*.xml} of the header schematron...) parsed once, as immutable Saxon trees
 * shared by every transformation. Saxon only caches such documents within one transformation, so without this each
 * validation re-parsed tens of value-set files (the header schematron alone reads fifteen). Only {@code file:} URIs
 * ending in {@code .xml} and requested as XML are cached; a file changed on disk (size or date) is parsed again. The
 * delegate (kit fixes, then Saxon's resolver) still decides which file answers a URI.
 */
final class KitDocumentCache implements ResourceResolver {

    private record Entry(long size, long modified, XdmNode tree) {
    }

    private final ResourceResolver delegate;
    private final Processor processor;
    private final ConcurrentHashMap<String, Entry> trees = new ConcurrentHashMap<>();

    KitDocumentCache(ResourceResolver delegate, Processor processor) {
        this.delegate = delegate;
        this.processor = processor;
    }

    @Override
    public Source resolve(ResourceRequest request) throws XPathException {
        String uri = request.uri;
        if (uri == null || !uri.startsWith("file:") || !uri.endsWith(".xml") || !ResourceRequest.XML_NATURE.equals(request.nature)) {
            return delegate == null ? null : delegate.resolve(request);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(Path.of(URI.create(uri)), BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            attributes = null; // missing (perhaps served by a kit fix): cached under the requested URI all the same
        }
        long size = attributes == null ? -1 : attributes.size();
        long modified = attributes == null ? -1 : attributes.lastModifiedTime().toMillis();
        Entry entry = trees.get(uri);
        if (entry == null || entry.size() != size || entry.modified() != modified) {
            Source source = delegate == null ? null : delegate.resolve(request);
            if (source == null) {
                source = new SAXSource(HardenedReaders.newReader(), new InputSource(uri));
            }
            try {
                entry = new Entry(size, modified, processor.newDocumentBuilder().build(source));
            } catch (SaxonApiException e) {
                throw new XPathException(e.getMessage(), e);
            }
            trees.put(uri, entry);
        }
        return entry.tree().asSource(); // the shared tree itself (a NodeInfo): Saxon uses it without parsing
    }
}
